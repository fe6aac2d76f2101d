package io.fathom.rawio;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.common.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two fresh network namespaces joined by a veth pair, addresses in 198.18.0.0/15 only. The veth ends are
 * created directly inside the namespaces, so nothing ever appears in the host's namespace, and deleting
 * the namespaces removes them. {@link #close()} (and a shutdown hook, should the JVM stop first) deletes
 * the namespaces.
 */
final class LabNetwork implements AutoCloseable {
  static final int SENDER_IP = Ipv4.parse("198.18.7.1");
  static final int RECEIVER_IP = Ipv4.parse("198.18.7.2");
  static final int ROUTED_PREFIX = Ipv4.parse("198.19.0.0");
  static final long SENDER_MAC = 0x02_00_c6_12_07_01L;
  static final long RECEIVER_MAC = 0x02_00_c6_12_07_02L;

  private static final List<Thread> THREADS = new CopyOnWriteArrayList<>();

  final String senderNamespace;
  final String receiverNamespace;
  final String senderInterface;
  final String receiverInterface;
  /** A second veth pair without addresses, for tests that take a link down. */
  final String spareSenderInterface;
  final String spareReceiverInterface;
  private final Thread cleanupHook;

  LabNetwork() {
    String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    senderNamespace = "frio" + tag + "s";
    receiverNamespace = "frio" + tag + "r";
    senderInterface = "fs" + tag;
    receiverInterface = "fr" + tag;
    spareSenderInterface = "fx" + tag;
    spareReceiverInterface = "fy" + tag;
    cleanupHook = new Thread(this::deleteNamespaces, "lab-network-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupHook);
    try {
      build();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void build() {
    run("ip", "netns", "add", senderNamespace);
    run("ip", "netns", "add", receiverNamespace);
    run("ip", "link", "add", senderInterface, "netns", senderNamespace, "address", MacAddresses.format(SENDER_MAC),
        "type", "veth", "peer", "name", receiverInterface, "netns", receiverNamespace,
        "address", MacAddresses.format(RECEIVER_MAC));
    run("ip", "link", "add", spareSenderInterface, "netns", senderNamespace, "type", "veth", "peer", "name",
        spareReceiverInterface, "netns", receiverNamespace);
    run("ip", "-n", senderNamespace, "link", "set", spareSenderInterface, "up");
    run("ip", "-n", receiverNamespace, "link", "set", spareReceiverInterface, "up");
    configure(senderNamespace, senderInterface, "198.18.7.1/24");
    configure(receiverNamespace, receiverInterface, "198.18.7.2/24");
    run("ip", "-n", senderNamespace, "route", "add", "198.19.0.0/16", "via", "198.18.7.2");
    run("ip", "-n", senderNamespace, "neigh", "replace", "198.18.7.2", "lladdr",
        MacAddresses.format(RECEIVER_MAC), "dev", senderInterface, "nud", "permanent");
  }

  private void configure(String namespace, String device, String address) {
    run("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
    run("ip", "-n", namespace, "addr", "add", address, "dev", device);
    run("ip", "-n", namespace, "link", "set", "lo", "up");
    run("ip", "-n", namespace, "link", "set", device, "up");
    if (commandExists("ethtool")) {
      run("ip", "netns", "exec", namespace, "ethtool", "-K", device, "tx", "off", "rx", "off");
    }
  }

  /** The interface index as `ip` reports it, e.g. "7: fs1234abcd@if6: <...>". */
  int senderInterfaceIndex() {
    String line = run("ip", "-n", senderNamespace, "-o", "link", "show", senderInterface);
    return Integer.parseInt(line.substring(0, line.indexOf(':')).trim());
  }

  /** Runs {@code task} on a fresh platform thread that first enters {@code namespace}. */
  static <T> CompletableFuture<T> inNamespace(String namespace, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = Thread.ofPlatform().name("in-" + namespace).daemon().start(() -> {
      try {
        Namespaces.enterNetworkNamespace(namespace);
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    THREADS.add(thread);
    return result;
  }

  /** Waits for every namespace thread to end, so that no thread keeps a namespace alive. */
  static void joinThreads() throws InterruptedException {
    for (Thread thread : THREADS) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
    THREADS.clear();
  }

  /**
   * Ends a test class's use of {@code lab} (null when creating it failed): waits for the namespace threads, then
   * deletes the namespaces and checks that they are gone.
   */
  static void closeAndCheckRemoved(LabNetwork lab) throws InterruptedException {
    joinThreads();
    if (lab != null) {
      lab.close();
      assertThat(lab.namespacesExist()).as("namespaces removed").isFalse();
    }
  }

  boolean namespacesExist() {
    String listed = run("ip", "netns", "list");
    return listed.contains(senderNamespace) || listed.contains(receiverNamespace)
        || Files.exists(Path.of("/var/run/netns", senderNamespace))
        || Files.exists(Path.of("/var/run/netns", receiverNamespace));
  }

  private synchronized void deleteNamespaces() {
    for (String namespace : List.of(senderNamespace, receiverNamespace)) {
      if (Files.exists(Path.of("/var/run/netns", namespace))) {
        runQuietly("ip", "netns", "del", namespace);
      }
    }
  }

  @Override
  public void close() {
    deleteNamespaces();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  static boolean commandExists(String command) {
    return runQuietly("sh", "-c", "command -v " + command) == 0;
  }

  /** Runs a command, waits up to 20 s, and returns its output; throws when it fails. */
  static String run(String... command) {
    List<String> output = new ArrayList<>();
    int status = execute(output, command);
    if (status != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + status + "): " + output);
    }
    return String.join("\n", output);
  }

  private static int runQuietly(String... command) {
    return execute(new ArrayList<>(), command);
  }

  private static int execute(List<String> output, String... command) {
    Process process = null;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        return -1;
      }
      output.addAll(text.lines().toList());
      return process.exitValue();
    } catch (IOException e) {
      output.add(e.toString());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
