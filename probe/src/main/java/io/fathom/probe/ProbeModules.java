package io.fathom.probe;

import io.fathom.common.UsageException;
import io.fathom.probe.tcp.SynProbe;
import java.util.List;
import java.util.function.Supplier;

/** The registry of scan techniques: one visible list, looked up by name. */
public final class ProbeModules {
  private record Entry(String name, String description, Supplier<ProbeModule> factory) {}

  private static final List<Entry> MODULES = List.of(
      new Entry("syn", "TCP SYN scan (Nmap -sS): SYN-ACK open, RST closed", SynProbe::new));

  private ProbeModules() {}

  /** A new instance of the named module; an unknown name is a usage error listing the known ones. */
  public static ProbeModule create(String name) {
    for (Entry e : MODULES) {
      if (e.name.equals(name)) {
        return e.factory.get();
      }
    }
    throw new UsageException("unknown scan technique '" + name + "' (known: " + String.join(", ", names()) + ")");
  }

  public static List<String> names() {
    return MODULES.stream().map(Entry::name).toList();
  }
}
