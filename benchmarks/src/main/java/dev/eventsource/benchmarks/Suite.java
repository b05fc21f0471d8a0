package dev.eventsource.benchmarks;

import dev.eventsource.benchmarks.report.SuiteRunner;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code benchmarks.jar}:
 *
 * <pre>
 * java -jar benchmarks.jar full  [--out DIR] [--only parse,loopback,latency,fanout]
 * java -jar benchmarks.jar smoke [--out DIR] [--only ...]
 * java -jar benchmarks.jar jmh [JMH options]      (JMH's own command line)
 * </pre>
 *
 * <p>{@code full} runs the whole suite (under 15 minutes on 2 cores), {@code smoke} every phase
 * with tiny settings (under 3 minutes); both print the tables and write {@code results.md} and PNG
 * charts to {@code DIR} (default {@code benchmarks/results} for full, {@code
 * benchmarks/results/smoke} for smoke, found from the jar's location).
 */
public final class Suite {
  private static final List<String> PHASES = List.of("parse", "loopback", "latency", "fanout");

  private Suite() {}

  /**
   * Runs the suite or JMH.
   *
   * @param args the mode and options above
   * @throws Exception if a phase fails outright
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length == 0 || !(args[0].equals("full") || args[0].equals("smoke"))) {
      usage("give a mode: full or smoke");
      return;
    }
    String mode = args[0];
    Path out = mode.equals("full") ? resultsDirectory() : resultsDirectory().resolve("smoke");
    Set<String> phases = new LinkedHashSet<>(PHASES);
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else if (args[i].equals("--only") && i + 1 < args.length) {
        phases = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
        if (!PHASES.containsAll(phases)) {
          usage("unknown phase in " + phases + "; phases: " + PHASES);
          return;
        }
      } else {
        usage("unknown option " + args[i]);
        return;
      }
    }
    SuiteRunner.run(mode, phases, out);
  }

  /**
   * {@code benchmarks/results} beside the jar's {@code target} directory when run from the built
   * jar, wherever the working directory is; else {@code benchmarks/results} under it.
   */
  static Path resultsDirectory() {
    try {
      Path jar = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path target = jar.getParent();
      if (jar.toString().endsWith(".jar") && target != null && target.endsWith("target")) {
        return target.resolveSibling("results").toAbsolutePath().normalize();
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall back to the working directory
    }
    return Path.of("benchmarks", "results");
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: java -jar benchmarks.jar full|smoke [--out DIR] [--only "
            + String.join(",", PHASES)
            + "]\n       java -jar benchmarks.jar jmh [JMH options]");
    System.exit(2);
  }
}
