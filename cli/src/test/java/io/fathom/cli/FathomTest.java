package io.fathom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The root command builds only the subcommand it is given, and every one when it is not given one. */
class FathomTest {
  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    assertThat(Fathom.commandLine("detect", "x.pcap").getSubcommands()).containsOnlyKeys("detect", "help");
    assertThat(Fathom.commandLine("scan").getSubcommands()).containsOnlyKeys("scan", "help");
  }

  @Test
  void withoutOneEverySubcommandIsBuiltInHelpsOrder() {
    for (String[] args : new String[][] {{}, {"--help"}, {"help", "detect"}, {"nosuch"}}) {
      assertThat(Fathom.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
          .containsExactly("scan", "detect", "lab", "demo", "help");
    }
  }

  @Test
  void helpAndUnknownSubcommandsBehaveAsBefore() {
    StringWriter out = new StringWriter();
    CommandLine cl = Fathom.commandLine("help", "detect");
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("help", "detect")).isZero();
    assertThat(out.toString()).contains("Usage: fathom detect");

    StringWriter err = new StringWriter();
    CommandLine unknown = Fathom.commandLine("nosuch");
    unknown.setErr(new PrintWriter(err));
    assertThat(unknown.execute("nosuch")).isEqualTo(Fathom.EXIT_USAGE);
  }
}
