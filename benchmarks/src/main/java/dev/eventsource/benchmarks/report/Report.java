package dev.eventsource.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Turns the figures into the markdown report, prints it and writes it with the charts. */
final class Report {
  private Report() {}

  static String markdown(Figures f, String mode) {
    List<String> targets = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    ParseSections.write(f, body, targets);
    SystemSections.loopback(f, body, targets);
    SystemSections.latency(f, body, targets);
    SystemSections.fanOut(f, body, targets);

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results (")
        .append(mode)
        .append(" run)\n\n")
        .append("- date: ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append("\n- machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(", ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append("\n- peers: okhttp-sse 5.5.1 (okhttp 5.5.1), LaunchDarkly okhttp-eventsource 4.3.0")
        .append("\n- settings: ")
        .append(f.settings.describe())
        .append("\n- ratios compare figures from this one run, side by side; \"faster peer\" is")
        .append(" the better of okhttp-sse and LaunchDarkly for each row.\n\n")
        .append(body);
    if (!targets.isEmpty()) {
      md.append("\n## Targets\n\n");
      for (String t : targets) {
        md.append("- ").append(t).append('\n');
      }
    }
    return md.toString();
  }

  /** Prints the report and writes results.md and the charts into {@code out}. */
  static void write(Figures f, String mode, Path out) throws IOException {
    String md = markdown(f, mode);
    System.out.println();
    System.out.println(md);
    Files.createDirectories(out);
    Path file = out.resolve("results.md");
    Files.writeString(file, md, StandardCharsets.UTF_8);
    List<Path> charts = Charts.write(f, out);
    System.out.println("Wrote " + file + " and " + charts);
  }
}
