package dev.eventsource.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.benchmarks.corpus.Workload;
import dev.eventsource.benchmarks.loopback.CorpusServer;
import dev.eventsource.benchmarks.loopback.StreamClient;
import dev.eventsource.benchmarks.loopback.StreamClients;
import dev.eventsource.benchmarks.parse.Agreement;
import dev.eventsource.benchmarks.parse.ParseBenchmark;
import dev.eventsource.benchmarks.parse.Parsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Checks the harnesses, not the speed: a benchmark of a parser or client that stopped early, or of
 * a corpus that changed between runs, would measure nothing. Runs in a second or two.
 */
class HarnessTest {
  @Test
  void everyParserReadsEveryWorkloadAlike() throws Exception {
    for (Workload w : Workload.values()) {
      Agreement.check(w.generate(1), new byte[8192]);
    }
  }

  @Test
  void workloadsAreTheSameOnEveryRun() {
    for (Workload w : Workload.values()) {
      assertThat(w.generate(1).bytes()).isEqualTo(w.generate(1).bytes());
    }
  }

  @Test
  void workloadEIsWorkloadBWithCrLf() {
    Corpus b = Workload.B.generate(1);
    Corpus e = Workload.E.generate(1);
    String crlf = new String(e.bytes(), StandardCharsets.UTF_8);
    String lf = new String(b.bytes(), StandardCharsets.UTF_8);
    assertThat(crlf).startsWith("event: update\r\nid: 0\r\ndata: {\"seq\":0,");
    assertThat(lf).startsWith(crlf.replace("\r\n", "\n"));
  }

  @Test
  void newlineScanCountsEveryLineFeed() {
    Corpus a = Workload.A.generate(1);
    assertThat(Parsers.newlineScan(a, new byte[8192])).isEqualTo(3 * a.events());
  }

  @Test
  void everyLoopbackClientReadsTheWholeStream() throws Exception {
    Corpus corpus = Workload.B.generate(1);
    try (CorpusServer server = CorpusServer.start(corpus.bytes())) {
      for (String name : StreamClients.NAMES) {
        try (StreamClient client = StreamClients.create(name)) {
          long expected =
              name.equals("raw-socket")
                  ? server.responseLength()
                  : name.startsWith("bare") ? corpus.bytes().length : corpus.dataChars();
          assertThat(client.stream(server.uri(), corpus.events())).as(name).isEqualTo(expected);
        }
      }
    }
  }

  /** The path of {@code run.sh}, cut short: JMH's JSON for one workload, then the report. */
  @Test
  void jmhResultsBecomeTheReportAndChart(@TempDir Path dir) throws Exception {
    new Runner(
            new OptionsBuilder()
                .include(ParseBenchmark.class.getName())
                .param("workload", "A")
                .param("corpusMiB", "1")
                .forks(0) // in this JVM: the test proves the wiring, not the speed
                .addProfiler(GCProfiler.class)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("jmh-parse.json").toString())
                .build())
        .run();

    Report.main(new String[] {dir.toString()});

    assertThat(Files.readString(dir.resolve("results.md")))
        .contains("## Parsing")
        .containsPattern(
            "\\| A \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9.]+x \\|")
        .containsPattern("\\| A \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9,.]+ \\| 104 \\|") // B/event
        .doesNotContain("## Loopback");
    assertThat(dir.resolve("parsing.png")).isNotEmptyFile();
  }
}
