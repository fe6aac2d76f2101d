package io.fathom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.common.Ipv4;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bringing labs up and down, including half-built ones. Needs root. */
@Tag("lab")
class LabLifecycleTest {
  private final String name = TemporaryLab.uniqueName();
  private final LabConfig config =
      LabConfig.defaults().withName(name).withPrefix(Ipv4.parse("198.18.7.0"), 24).withRatios(300, 300);

  @AfterEach
  void removeTheLab() {
    LabSetup.beforeStep = step -> {};
    Lab.down(name);
  }

  @Test
  void downRemovesNamespacesListenerAndStateDirectory() throws Exception {
    LabInfo info = Lab.up(config);
    long listenerPid = Long.parseLong(Files.readString(info.stateDir().resolve("listener.pid")).strip());
    assertThat(ProcessHandle.of(listenerPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    assertThat(Namespaces.exists(info.scannerNamespace())).isTrue();
    assertThat(Lab.status(name)).isPresent();

    Lab.down(name);

    assertNothingLeft(info.stateDir());
    assertThat(ProcessHandle.of(listenerPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    Lab.down(name); // idempotent
  }

  @Test
  void upReplacesALabOfTheSameName() throws Exception {
    LabInfo first = Lab.up(config);
    long firstPid = Long.parseLong(Files.readString(first.stateDir().resolve("listener.pid")).strip());
    LabInfo second = Lab.up(config.withSeed(99));
    assertThat(second.seed()).isEqualTo(99);
    assertThat(Lab.status(name)).contains(second);
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(listenerProcesses()).hasSize(1);
  }

  @Test
  void aFailureBeforeNftablesLeavesNothingBehind() {
    LabSetup.beforeStep = failAt("nftables");
    assertThatThrownBy(() -> Lab.up(config)).hasMessage("injected failure at nftables");
    assertNothingLeft(LabFiles.stateDir(name));
  }

  @Test
  void aFailureAfterTheListenerStartedLeavesNothingBehind() {
    LabSetup.beforeStep = failAt("state-file");
    assertThatThrownBy(() -> Lab.up(config)).hasMessage("injected failure at state-file");
    assertNothingLeft(LabFiles.stateDir(name));
  }

  @Test
  void aFailingCommandIsReportedWithItsStepAndLeavesNothingBehind() {
    // Something else takes the scanner namespace's name after the build started: `ip netns add` must fail.
    LabSetup.beforeStep = step -> {
      if (step.equals("namespaces")) {
        Namespaces.add(name + "-scan");
      }
    };
    assertThatThrownBy(() -> Lab.up(config))
        .isInstanceOf(LabException.class)
        .hasMessageStartingWith("lab " + name + ", step namespaces: command failed (exit 1): ")
        .hasMessageContaining("netns add " + name + "-scan");
    assertNothingLeft(LabFiles.stateDir(name));
  }

  @Test
  void statusOfALabThatDoesNotExistIsEmpty() {
    assertThat(Lab.status(name)).isEmpty();
  }

  @Test
  void temporaryLabRemovesItselfOnClose() {
    LabInfo info;
    try (TemporaryLab lab = TemporaryLab.start(config)) {
      info = lab.info();
      assertThat(Lab.status(name)).contains(info);
    }
    assertNothingLeft(info.stateDir());
  }

  @Test
  void theShutdownHookRemovesALabWhoseJvmExitsWithoutClosingIt() throws Exception {
    runAbandonedLab("exit", process -> {});
  }

  @Test
  void theShutdownHookRemovesALabWhoseJvmIsTerminated() throws Exception {
    runAbandonedLab("wait", Process::destroy); // SIGTERM, as from kill or an interrupted build
  }

  /** Starts a JVM that brings up a TemporaryLab and never closes it, stops it as told, then checks the lab is gone. */
  private void runAbandonedLab(String mode, Consumer<Process> stop) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AbandonedLabMain.class.getName(), name, mode).redirectErrorStream(true).start();
    try (BufferedReader out = child.inputReader()) {
      assertThat(out.readLine()).isEqualTo("up " + name);
      assertThat(Lab.status(name)).isPresent();
      stop.accept(child);
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
      assertNothingLeft(LabFiles.stateDir(name));
    } finally {
      child.destroyForcibly();
    }
  }

  private static Consumer<String> failAt(String failing) {
    return step -> {
      if (step.equals(failing)) {
        throw new IllegalStateException("injected failure at " + step);
      }
    };
  }

  private void assertNothingLeft(Path stateDir) {
    assertThat(Namespaces.exists(name + "-scan")).as("scanner namespace").isFalse();
    assertThat(Namespaces.exists(name + "-tgt")).as("target namespace").isFalse();
    assertThat(stateDir).doesNotExist();
    assertThat(listenerProcesses()).as("listener processes").isEmpty();
    assertThat(Lab.status(name)).isEmpty();
  }

  /** Listener processes of this test's lab: their ready-file argument names its state directory. */
  private List<ProcessHandle> listenerProcesses() {
    String marker = LabFiles.stateDir(name) + "/";
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> ListenerProcess.isListener(p) && Processes.commandLine(p).contains(marker))
        .toList();
  }
}
