package dev.eventsource.benchmarks.report;

import dev.eventsource.benchmarks.corpus.Corpus;
import dev.eventsource.benchmarks.corpus.Workload;
import dev.eventsource.benchmarks.parse.Agreement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Runs the chosen phases in order and writes the report. */
public final class SuiteRunner {
  private SuiteRunner() {}

  private static void took(String phase, long start) {
    System.out.printf(
        Locale.ROOT,
        "# %s phase done, %.1f minutes since the start%n",
        phase,
        (System.nanoTime() - start) / 6e10);
  }

  /**
   * Runs the suite.
   *
   * @param mode {@code full} or {@code smoke}
   * @param phases which of parse, loopback, latency and fanout to run
   * @param out where results.md, the charts and JMH's JSON go
   * @throws Exception if a JMH phase fails, or the report cannot be written
   */
  public static void run(String mode, Set<String> phases, Path out) throws Exception {
    Settings settings = Settings.valueOf(mode.toUpperCase(Locale.ROOT));
    Figures figures = new Figures(settings);
    Files.createDirectories(out);
    long start = System.nanoTime();
    System.out.println("# " + mode + " run: " + settings.describe());
    if (phases.contains("parse")) {
      byte[] readBuffer = new byte[8192];
      for (Workload w : Workload.values()) {
        Corpus corpus = w.generate(settings.parseMiB);
        Agreement.check(corpus, readBuffer); // every parser reads every corpus alike
        figures.parseCorpora.put(w.name(), CorpusStats.of(corpus));
      }
      figures.parse = JmhPhase.parse(settings, out);
      took("parse", start);
    }
    if (phases.contains("loopback")) {
      for (Workload w : new Workload[] {Workload.A, Workload.B}) {
        figures.loopbackCorpora.put(w.name(), CorpusStats.of(w.generate(settings.loopbackMiB)));
      }
      figures.loopback = JmhPhase.loopback(settings, out);
      took("loopback", start);
    }
    if (phases.contains("latency")) {
      figures.latency = ChildPhases.latency(settings);
      took("latency", start);
    }
    if (phases.contains("fanout")) {
      figures.fanOut = ChildPhases.fanOut(settings);
      took("fanout", start);
    }
    Report.write(figures, mode, out);
    System.out.printf(
        Locale.ROOT, "# %s run took %.1f minutes%n", mode, (System.nanoTime() - start) / 6e10);
  }
}
