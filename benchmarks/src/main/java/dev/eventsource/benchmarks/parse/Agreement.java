package dev.eventsource.benchmarks.parse;

import dev.eventsource.benchmarks.corpus.Corpus;

/**
 * Checks that every harness reads a corpus fully and alike: the same number of events and the same
 * total data length as the generator wrote. A benchmark of a parser that stopped early would be
 * meaningless.
 */
public final class Agreement {
  private Agreement() {}

  /**
   * Runs each harness once over the corpus.
   *
   * @param corpus the stream
   * @param readBuffer a buffer of at least one chunk
   * @throws Exception if a harness fails or reports other figures than the generator
   */
  public static void check(Corpus corpus, byte[] readBuffer) throws Exception {
    for (String parser : new String[] {"ours", "okhttpSse", "launchDarkly"}) {
      check(corpus, readBuffer, parser);
    }
    if (StreamingParseBenchmark.WORKLOADS.contains(corpus.workload().name())) {
      check(corpus, readBuffer, "oursStreaming");
      check(corpus, readBuffer, "launchDarklyStreaming");
    }
  }

  /**
   * Runs one harness once over the corpus.
   *
   * @param corpus the stream
   * @param readBuffer a buffer of at least one chunk
   * @param parser the harness: {@code ours}, {@code okhttpSse}, {@code launchDarkly}, {@code
   *     oursStreaming} or {@code launchDarklyStreaming}; any other name (the LF scan) is not
   *     checked
   * @throws Exception if the harness fails or reports other figures than the generator
   */
  public static void check(Corpus corpus, byte[] readBuffer, String parser) throws Exception {
    switch (parser) {
      case "ours":
        long[] ours = {0};
        expect(
            "ours", corpus, Parsers.ours(corpus, readBuffer, (t, d, id) -> ours[0] += d.length()));
        expect("ours", corpus, ours[0]);
        break;
      case "okhttpSse":
        long[] sse = {0};
        expect("okhttp-sse", corpus, Parsers.okhttpSse(corpus, (t, d, id) -> sse[0] += d.length()));
        expect("okhttp-sse", corpus, sse[0]);
        break;
      case "launchDarkly":
        long[] ld = {0};
        expect(
            "LaunchDarkly", corpus, Parsers.launchDarkly(corpus, (t, d, i) -> ld[0] += d.length()));
        expect("LaunchDarkly", corpus, ld[0]);
        break;
      case "oursStreaming":
        long[] streamed = {0};
        expect("ours streaming", corpus, Parsers.oursStreaming(corpus, readBuffer, streamed));
        expectAscii(corpus);
        expect("ours streaming", corpus, streamed[0]);
        break;
      case "launchDarklyStreaming":
        long[] read = {0};
        expect(
            "LaunchDarkly streaming",
            corpus,
            Parsers.launchDarklyStreaming(corpus, new char[8192], read));
        expect("LaunchDarkly streaming", corpus, read[0]);
        break;
      default:
        break;
    }
  }

  /**
   * Data streamed as bytes is compared with the corpus's data length in chars, which is the same
   * only for ASCII data: the workloads with huge events (F, F1) are ASCII.
   */
  private static void expectAscii(Corpus corpus) {
    for (byte b : corpus.bytes()) {
      if (b < 0) {
        throw new IllegalStateException(
            "streamed data is counted in bytes: " + corpus.workload() + " is not ASCII");
      }
    }
  }

  private static void expect(String who, Corpus corpus, int events) {
    if (events != corpus.events()) {
      throw new IllegalStateException(
          who + " read " + events + " events of " + corpus.events() + " in " + corpus.workload());
    }
  }

  private static void expect(String who, Corpus corpus, long dataChars) {
    if (dataChars != corpus.dataChars()) {
      throw new IllegalStateException(
          who
              + " read "
              + dataChars
              + " data chars of "
              + corpus.dataChars()
              + " in "
              + corpus.workload());
    }
  }
}
