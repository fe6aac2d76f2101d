package io.fathom.cli;

import io.fathom.common.UsageException;
import io.fathom.lab.Lab;
import io.fathom.lab.LabConfig;
import io.fathom.lab.LabInfo;
import io.fathom.lab.TemporaryLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fathom demo}: brings a lab up, scans it, scores the result against the ground truth, tears it down. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Scan the built-in lab (198.18.0.0/16 x 22,80,443) and compare with its ground truth")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = {"-r", "--rate"}, defaultValue = "100000", description = "Packets per second (default ${DEFAULT-VALUE})")
  long rate;

  @Option(names = "--out", defaultValue = "fathom-demo", description = "Folder for results (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!Lab.isRoot()) {
      throw new UsageException("the demo builds a lab in network namespaces and needs root (run as root or with sudo)");
    }
    Files.createDirectories(out);
    Path results = out.resolve("results.ndjson");
    Path metadata = out.resolve("metadata.json");
    LabConfig config = LabConfig.defaults().withName("fdemo");
    System.out.println("fathom demo: bringing up lab 'fdemo' (198.18.0.0/16, ports 22,80,443, seeded ground truth)");
    try (TemporaryLab lab = TemporaryLab.start(config)) {
      LabInfo info = lab.info();
      List<String> scan = List.of("scan", "198.18.0.0/16", "-p", "22,80,443", "--rate", Long.toString(rate),
          "--cooldown", "2", "-o", results.toString(), "--metadata", metadata.toString());
      System.out.println("fathom demo: fathom " + String.join(" ", scan) + "   (inside the lab's scanner namespace)");
      int status = LabLauncher.runInLab(info.name(), scan);
      if (status != 0) {
        System.out.println("fathom demo: the scan failed with status " + status);
        return status;
      }
      LabScore score = LabScore.of(info.groundTruth(), FoundPorts.read(List.of(results)), null);
      System.out.println("fathom demo: " + score.describe());
      System.out.println("fathom demo: findings in " + results + ", metadata in " + metadata);
      try (var lines = Files.lines(results)) {
        lines.limit(3).forEach(line -> System.out.println("  " + line));
      }
      return score.recall() == 1.0 && score.precision() == 1.0 ? 0 : 1;
    } finally {
      System.out.println("fathom demo: lab removed");
    }
  }
}
