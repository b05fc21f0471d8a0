package dev.eventsource.benchmarks.report;

import dev.eventsource.benchmarks.fanout.FanOutRun;
import dev.eventsource.benchmarks.fanout.IdleServer;
import dev.eventsource.benchmarks.loopback.LatencyRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The phases that are not JMH benchmarks: latency and fan-out, one child JVM per client. */
final class ChildPhases {
  /**
   * The latency clients: the two adapters, the two peers, and as limits the raw socket and the bare
   * JDK client (its line subscriber, the floor for the JDK adapter).
   */
  static final List<String> LATENCY_CLIENTS =
      List.of("ours-jdk", "ours-okhttp", "okhttp-sse", "launchdarkly", "raw-socket", "bare-jdk");

  private ChildPhases() {}

  /** Latency percentiles by client; a client that fails gets an {@code error} entry instead. */
  static Map<String, Map<String, String>> latency(Settings s) throws InterruptedException {
    Map<String, Map<String, String>> results = new LinkedHashMap<>();
    for (String client : LATENCY_CLIENTS) {
      System.out.println("# latency: " + client);
      List<String> args =
          List.of(client, Integer.toString(s.latencyWarmup), Integer.toString(s.latencyEvents));
      long timeout = (s.latencyWarmup + s.latencyEvents) / 1000 + 120;
      results.put(
          client,
          orError(client, () -> ChildJvm.run(List.of("-Xmx1g"), LatencyRun.class, args, timeout)));
    }
    return results;
  }

  /** Fan-out figures, one map per run, each against its own idle server process. */
  static List<Map<String, String>> fanOut(Settings s) throws InterruptedException {
    Map<String, Integer> runs = new LinkedHashMap<>();
    runs.put("ours-jdk", s.fanOutJdk);
    runs.put("bare-jdk", s.fanOutJdk);
    runs.put("ours-okhttp", s.fanOutOkHttp);
    runs.put("okhttp-sse", s.fanOutOkHttp);
    runs.put("okhttp-sse-unlimited", s.fanOutOkHttp);
    runs.put("launchdarkly", s.fanOutOkHttp);
    List<Map<String, String>> results = new ArrayList<>();
    for (Map.Entry<String, Integer> run : runs.entrySet()) {
      System.out.println("# fan-out: " + run.getKey() + ", " + run.getValue() + " streams");
      results.add(orError(run.getKey(), () -> fanOut(s, run.getKey(), run.getValue())));
    }
    return results;
  }

  private static Map<String, String> fanOut(Settings s, String client, int n)
      throws IOException, InterruptedException {
    Process server =
        new ProcessBuilder(ChildJvm.command(List.of("-Xmx512m"), IdleServer.class, List.of()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("PORT ")) {
        throw new IOException("idle server did not start: " + line);
      }
      List<String> args =
          List.of(
              client,
              Integer.toString(n),
              line.substring(5).trim(),
              Integer.toString(s.fanOutStallSeconds),
              Integer.toString(s.fanOutIdleSeconds),
              Integer.toString(s.fanOutPoolSettleSeconds));
      Map<String, String> result =
          ChildJvm.run(List.of("-Xms3g", "-Xmx3g"), FanOutRun.class, args, 600);
      result.putIfAbsent("client", client);
      return result;
    } finally {
      server.getOutputStream().close(); // its signal to exit
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private interface Step {
    Map<String, String> run() throws IOException, InterruptedException;
  }

  private static Map<String, String> orError(String client, Step step) throws InterruptedException {
    try {
      return step.run();
    } catch (IOException | RuntimeException e) {
      System.out.println("  ! " + client + " failed: " + e);
      Map<String, String> failed = new LinkedHashMap<>();
      failed.put("client", client);
      failed.put("error", String.valueOf(e.getMessage()).replace(' ', '_'));
      return failed;
    }
  }
}
