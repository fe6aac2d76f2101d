package io.fathom.lab;

import io.fathom.common.Ipv4;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/** The state directory of a lab ({@code /run/fathom-lab/NAME/}): what is in it and how {@link LabInfo} is stored. */
final class LabFiles {
  static final Path ROOT = Path.of("/run/fathom-lab");

  private LabFiles() {}

  static Path stateDir(String name) {
    return ROOT.resolve(name);
  }

  static Path properties(Path dir) {
    return dir.resolve("lab.properties");
  }

  static Path groundTruth(Path dir) {
    return dir.resolve("ground-truth.csv");
  }

  static Path ruleset(Path dir) {
    return dir.resolve("ruleset.nft");
  }

  static Path listenerPid(Path dir) {
    return dir.resolve("listener.pid");
  }

  static Path listenerLog(Path dir) {
    return dir.resolve("listener.log");
  }

  static Path listenerReady(Path dir) {
    return dir.resolve("listener.ready");
  }

  /** Writes lab.properties atomically: {@link Lab#status} treats its presence as "the lab came up". */
  static void writeInfo(LabInfo info) {
    Properties p = new Properties();
    p.setProperty("name", info.name());
    p.setProperty("scannerNamespace", info.scannerNamespace());
    p.setProperty("targetNamespace", info.targetNamespace());
    p.setProperty("scannerInterface", info.scannerInterface());
    p.setProperty("targetInterface", info.targetInterface());
    p.setProperty("scannerIp", Ipv4.format(info.scannerIp()));
    p.setProperty("gatewayIp", Ipv4.format(info.gatewayIp()));
    p.setProperty("gatewayMac", info.gatewayMacText());
    p.setProperty("livePrefix", LabAddresses.cidr(info.livePrefix(), info.livePrefixLength()));
    p.setProperty("darkPrefix", LabAddresses.cidr(info.darkPrefix(), info.darkPrefixLength()));
    p.setProperty("ports", Arrays.stream(info.ports()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    p.setProperty("seed", Long.toString(info.seed()));
    p.setProperty("groundTruthFile", info.groundTruthFile().toString());
    p.setProperty("stateDir", info.stateDir().toString());
    Path file = properties(info.stateDir());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        p.store(out, "fathom lab " + info.name());
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The stored facts of a lab, or empty when it has no (readable) lab.properties. */
  static Optional<LabInfo> readInfo(Path dir) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(properties(dir), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + properties(dir) + ": " + e.getMessage(), e);
    }
    try {
      String[] live = p.getProperty("livePrefix").split("/");
      String[] dark = p.getProperty("darkPrefix").split("/");
      return Optional.of(new LabInfo(
          p.getProperty("name"),
          p.getProperty("scannerNamespace"),
          p.getProperty("targetNamespace"),
          p.getProperty("scannerInterface"),
          p.getProperty("targetInterface"),
          Ipv4.parse(p.getProperty("scannerIp")),
          Ipv4.parse(p.getProperty("gatewayIp")),
          MacAddress.parse(p.getProperty("gatewayMac")),
          Ipv4.parse(live[0]),
          Integer.parseInt(live[1]),
          Ipv4.parse(dark[0]),
          Integer.parseInt(dark[1]),
          Arrays.stream(p.getProperty("ports").split(",")).mapToInt(Integer::parseInt).toArray(),
          Long.parseLong(p.getProperty("seed")),
          Path.of(p.getProperty("groundTruthFile")),
          Path.of(p.getProperty("stateDir"))));
    } catch (RuntimeException e) {
      // A damaged file means a lab in an unknown state; callers treat it as absent and down() still cleans up.
      return Optional.empty();
    }
  }

  /** Deletes a directory tree; a tree that is already gone is fine. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
          Files.deleteIfExists(directory);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // Removed by someone else meanwhile: the goal is reached.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
    }
  }
}
