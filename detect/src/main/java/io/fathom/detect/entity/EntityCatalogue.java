package io.fathom.detect.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.common.UsageException;
import io.fathom.detect.ScanRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Known scanning entities: the built-in, versioned catalogue ({@code entities.json} beside this class) extended
 * by user files. A user entry replaces the built-in one of the same name; where ranges nest the longest prefix
 * wins, and for the same prefix the later file wins. Immutable: {@link #withFile} returns a new catalogue.
 */
public final class EntityCatalogue {
  static final String BUILT_IN = "entities.json";

  private final String version;
  private final LocalDate date;
  private final List<CatalogueEntry> entries;
  private final RangeIndex ranges;

  private EntityCatalogue(String version, LocalDate date, List<CatalogueEntry> entries) {
    this.version = version;
    this.date = date;
    this.entries = List.copyOf(entries);
    this.ranges = index(this.entries);
  }

  /** The catalogue shipped with Fathom. */
  public static EntityCatalogue builtIn() {
    try (InputStream in = EntityCatalogue.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in entity catalogue " + BUILT_IN + " is missing");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      CatalogueReader.Parsed parsed = CatalogueReader.read(BUILT_IN, CatalogueReader.tree(BUILT_IN, text));
      return new EntityCatalogue(parsed.version(), parsed.date(), parsed.entries());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in entity catalogue", e);
    }
  }

  /** A catalogue with no entries, for tests and for users who want only their own files. */
  public static EntityCatalogue empty() {
    return new EntityCatalogue("0", LocalDate.EPOCH, List.of());
  }

  /**
   * This catalogue extended by a file: a catalogue ({@code "entities"}), a MISP warning list ({@code "list"}), or
   * a plain CIDR list. Any problem is one {@link UsageException} line naming the file.
   */
  public EntityCatalogue withFile(Path file) {
    String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(label + ": cannot read entity file: " + CatalogueReader.oneLine(e.toString()));
    }
    if (!text.strip().startsWith("{")) {
      return with(List.of(ListImporter.cidrList(label, stem(label), text)));
    }
    JsonNode root = CatalogueReader.tree(label, text);
    if (root.has("entities")) {
      return with(CatalogueReader.read(label, root).entries());
    }
    if (root.has("list")) {
      return with(List.of(ListImporter.misp(label, root)));
    }
    throw new UsageException(label + ": neither a catalogue (\"entities\") nor a MISP warning list (\"list\")");
  }

  private EntityCatalogue with(List<CatalogueEntry> added) {
    Map<String, CatalogueEntry> byName = new LinkedHashMap<>();
    entries.forEach(e -> byName.put(e.name(), e));
    for (CatalogueEntry entry : added) {
      byName.remove(entry.name());
      byName.put(entry.name(), entry);
    }
    return new EntityCatalogue(version, date, new ArrayList<>(byName.values()));
  }

  /** The built-in catalogue's version ("0" for an empty one). */
  public String version() {
    return version;
  }

  public LocalDate date() {
    return date;
  }

  /** All entries, built-in first, each later file's after. */
  public List<CatalogueEntry> entries() {
    return entries;
  }

  public Optional<CatalogueEntry> entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The entity whose most specific range holds {@code address}. */
  public Optional<RangeMatch> lookup(int address) {
    RangeIndex.Hit hit = ranges.lookup(address);
    return hit == null ? Optional.empty() : Optional.of(new RangeMatch(entries.get(hit.owner()), hit.cidr()));
  }

  /** The first entity (in catalogue order) with a reverse-DNS pattern that {@code host} matches. */
  public Optional<PatternMatch> matchRdns(String host) {
    for (CatalogueEntry entry : entries) {
      var pattern = entry.rdnsMatch(host);
      if (pattern != null) {
        return Optional.of(new PatternMatch(entry, pattern.pattern()));
      }
    }
    return Optional.empty();
  }

  /** The first entity (in catalogue order) with a behaviour signature that {@code scan} matches. */
  public Optional<SignatureMatch> matchBehaviour(ScanRecord scan) {
    for (CatalogueEntry entry : entries) {
      for (BehaviourSignature signature : entry.signatures()) {
        if (signature.matches(scan)) {
          return Optional.of(new SignatureMatch(entry, signature));
        }
      }
    }
    return Optional.empty();
  }

  /** An address range hit. */
  public record RangeMatch(CatalogueEntry entry, Cidr range) {}

  /** A reverse-DNS pattern hit. */
  public record PatternMatch(CatalogueEntry entry, String pattern) {}

  /** A behaviour signature hit. */
  public record SignatureMatch(CatalogueEntry entry, BehaviourSignature signature) {}

  private static RangeIndex index(List<CatalogueEntry> entries) {
    List<RangeIndex.Entry> ranges = new ArrayList<>();
    int order = 0;
    for (int owner = 0; owner < entries.size(); owner++) {
      for (Cidr cidr : entries.get(owner).ranges()) {
        ranges.add(new RangeIndex.Entry(cidr, owner, order++));
      }
    }
    return RangeIndex.of(ranges);
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
