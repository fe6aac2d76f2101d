package io.fathom.cli;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import io.fathom.lab.GroundTruth;
import io.fathom.lab.Lab;
import io.fathom.lab.LabConfig;
import io.fathom.lab.LabInfo;
import io.fathom.targets.AddressSet;
import io.fathom.targets.PortSet;
import io.fathom.targets.TargetSpecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom lab}: the simulated Internet in network namespaces that tests, benchmarks and demos use. */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = "A lab in network namespaces: a scanner namespace whose only route leads to 198.18.0.0/15.",
    subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Status.class, LabCommand.Exec.class,
        LabCommand.Score.class})
public final class LabCommand {
  /** The lab's name, shared by every subcommand. */
  static final class NameOption {
    @Option(names = "--name", paramLabel = "NAME", defaultValue = LabConfig.DEFAULT_NAME,
        description = "Lab name, 1-8 of a-z0-9 (default ${DEFAULT-VALUE})")
    String name;

    LabInfo running() {
      return Lab.status(name).orElseThrow(() ->
          new UsageException("the lab '" + name + "' is not up: run 'fathom lab up" + nameFlag() + "' first"));
    }

    String nameFlag() {
      return name.equals(LabConfig.DEFAULT_NAME) ? "" : " --name " + name;
    }
  }

  @Command(name = "up", mixinStandardHelpOptions = true, description = "Create (or re-create) the lab")
  static final class Up implements Callable<Integer> {
    @Mixin NameOption lab;

    @Option(names = "--seed", defaultValue = "1", description = "Ground-truth seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--prefix", defaultValue = "198.18.0.0/16", description = "Live prefix, inside 198.18.0.0/16")
    String prefix;

    @Option(names = {"-p", "--ports"}, defaultValue = "22,80,443", description = "Ports (default ${DEFAULT-VALUE})")
    String ports;

    @Option(names = "--open-permille", defaultValue = "20", description = "Open pairs per 1000")
    int open;

    @Option(names = "--closed-permille", defaultValue = "30", description = "Closed pairs per 1000")
    int closed;

    @Override
    public Integer call() {
      AddressSet set = TargetSpecs.parseSpec(prefix);
      int length = 32 - Long.numberOfTrailingZeros(set.size());
      if (set.rangeCount() != 1 || Long.bitCount(set.size()) != 1) {
        throw new UsageException("--prefix must be one CIDR block, e.g. 198.18.0.0/16");
      }
      PortSet portSet = PortSet.parse(ports);
      int[] portArray = new int[portSet.size()];
      for (int i = 0; i < portArray.length; i++) {
        portArray[i] = portSet.portAt(i);
      }
      LabConfig config = new LabConfig(lab.name, seed, (int) set.rangeStart(0), length, portArray, open, closed);
      LabInfo info = Lab.up(config);
      describe(info);
      return 0;
    }
  }

  @Command(name = "down", mixinStandardHelpOptions = true, description = "Remove the lab and all it made")
  static final class Down implements Callable<Integer> {
    @Mixin NameOption lab;

    @Override
    public Integer call() {
      Lab.down(lab.name);
      System.out.println("lab '" + lab.name + "' is down");
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the lab, exit 1 if it is down")
  static final class Status implements Callable<Integer> {
    @Mixin NameOption lab;

    @Override
    public Integer call() {
      var info = Lab.status(lab.name);
      if (info.isEmpty()) {
        System.out.println("lab '" + lab.name + "' is down");
        return 1;
      }
      describe(info.get());
      return 0;
    }
  }

  @Command(name = "exec", mixinStandardHelpOptions = true,
      description = "Run a command in the lab's scanner namespace, e.g. fathom lab exec -- fathom scan ...")
  static final class Exec implements Callable<Integer> {
    @Mixin NameOption lab;

    @Parameters(arity = "1..*", paramLabel = "COMMAND")
    List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException {
      LabInfo info = lab.running();
      if (command.get(0).equals("fathom")) {
        // The fathom of this very installation, inside the namespace.
        List<String> args = new ArrayList<>(command.subList(1, command.size()));
        return LabLauncher.runInLab(lab.name, args);
      }
      ProcessBuilder builder = new ProcessBuilder(info.inScanner(command)).inheritIO();
      builder.environment().put(LabLauncher.INSIDE_LAB, lab.name);
      return builder.start().waitFor();
    }
  }

  @Command(name = "score", mixinStandardHelpOptions = true,
      description = {"Compare a scan's open findings with the lab's ground truth: recall and precision.",
          "Reads Fathom NDJSON/CSV/list, masscan -oL and ZMap CSV (saddr,sport) files."})
  static final class Score implements Callable<Integer> {
    @Mixin NameOption lab;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--ports", description = "Only these ports of the ground truth count (default: all)")
    String ports;

    @Option(names = "--quiet", description = "Print only 'recall precision'")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
      GroundTruth truth = lab.running().groundTruth();
      PortSet only = ports == null ? null : PortSet.parse(ports);
      LabScore score = LabScore.of(truth, FoundPorts.read(files), only);
      System.out.println(quiet ? score.recall() + " " + score.precision() : score.describe());
      return 0;
    }
  }

  static void describe(LabInfo info) {
    System.out.println("lab '" + info.name() + "' is up");
    System.out.println("  scanner namespace  " + info.scannerNamespace() + " (interface " + info.scannerInterface()
        + ", " + Ipv4.format(info.scannerIp()) + ", gateway " + Ipv4.format(info.gatewayIp()) + " "
        + info.gatewayMacText() + ")");
    System.out.println("  target namespace   " + info.targetNamespace());
    System.out.println("  live prefix        " + Ipv4.format(info.livePrefix()) + "/" + info.livePrefixLength()
        + ", ports " + java.util.Arrays.toString(info.ports()) + ", seed " + info.seed());
    System.out.println("  dark prefix        " + Ipv4.format(info.darkPrefix()) + "/" + info.darkPrefixLength());
    System.out.println("  ground truth       " + info.groundTruthFile());
    String flag = info.name().equals(LabConfig.DEFAULT_NAME) ? "" : " --lab-name " + info.name();
    System.out.println("  scan it with       fathom scan --lab" + flag + " " + Ipv4.format(info.livePrefix()) + "/"
        + info.livePrefixLength() + " -p 22,80,443 --rate 100000");
  }
}
