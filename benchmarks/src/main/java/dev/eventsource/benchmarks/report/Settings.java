package dev.eventsource.benchmarks.report;

/**
 * How long and how large each phase runs: {@link #FULL} for the figures that get reported, {@link
 * #SMOKE} to check that everything works in a few minutes.
 */
public enum Settings {
  /** The whole suite: under 15 minutes on 2 cores. */
  FULL(32, 2, 2, 3, 1000, 32, 1, 2, 3, 1500, 1000, 10_000, 10_000, 1000, 8, 2, 65),
  /** A quick check of every phase with tiny settings: under 3 minutes. */
  SMOKE(4, 1, 1, 1, 500, 4, 1, 1, 1, 1000, 200, 1000, 1000, 100, 5, 1, 0);

  final int parseMiB;
  final int parseForks;
  final int parseWarmups;
  final int parseIterations;
  final int parseIterationMillis;
  final int loopbackMiB;
  final int loopbackForks;
  final int loopbackWarmups;
  final int loopbackIterations;
  final int loopbackIterationMillis;
  final int latencyWarmup;
  final int latencyEvents;
  final int fanOutJdk;
  final int fanOutOkHttp;
  final int fanOutStallSeconds;
  final int fanOutIdleSeconds;

  /**
   * How long a fan-out run may wait, after the idle time, for OkHttp's idle {@code TaskRunner}
   * threads to end (OkHttp keeps them 60 s): they connected the streams and hold none, and how many
   * are left at a given moment depends only on how fast the streams opened.
   */
  final int fanOutPoolSettleSeconds;

  Settings(
      int parseMiB,
      int parseForks,
      int parseWarmups,
      int parseIterations,
      int parseIterationMillis,
      int loopbackMiB,
      int loopbackForks,
      int loopbackWarmups,
      int loopbackIterations,
      int loopbackIterationMillis,
      int latencyWarmup,
      int latencyEvents,
      int fanOutJdk,
      int fanOutOkHttp,
      int fanOutStallSeconds,
      int fanOutIdleSeconds,
      int fanOutPoolSettleSeconds) {
    this.parseMiB = parseMiB;
    this.parseForks = parseForks;
    this.parseWarmups = parseWarmups;
    this.parseIterations = parseIterations;
    this.parseIterationMillis = parseIterationMillis;
    this.loopbackMiB = loopbackMiB;
    this.loopbackForks = loopbackForks;
    this.loopbackWarmups = loopbackWarmups;
    this.loopbackIterations = loopbackIterations;
    this.loopbackIterationMillis = loopbackIterationMillis;
    this.latencyWarmup = latencyWarmup;
    this.latencyEvents = latencyEvents;
    this.fanOutJdk = fanOutJdk;
    this.fanOutOkHttp = fanOutOkHttp;
    this.fanOutStallSeconds = fanOutStallSeconds;
    this.fanOutIdleSeconds = fanOutIdleSeconds;
    this.fanOutPoolSettleSeconds = fanOutPoolSettleSeconds;
  }

  /**
   * One line describing the settings, for the report.
   *
   * @return the description
   */
  public String describe() {
    return String.format(
        "parsing: %d MiB (A-E), %d fork(s) x (%d warm-up + %d measured) x %d ms;"
            + " loopback: %d MiB, %d fork(s) x (%d + %d) x %d ms;"
            + " latency: %d + %d events at 1,000/s;"
            + " fan-out: %d JDK / %d OkHttp streams",
        parseMiB,
        parseForks,
        parseWarmups,
        parseIterations,
        parseIterationMillis,
        loopbackMiB,
        loopbackForks,
        loopbackWarmups,
        loopbackIterations,
        loopbackIterationMillis,
        latencyWarmup,
        latencyEvents,
        fanOutJdk,
        fanOutOkHttp);
  }
}
