package dev.eventsource.benchmarks.report;

import dev.eventsource.benchmarks.corpus.Corpus;

/** What the report needs of a corpus once the corpus itself is gone. */
record CorpusStats(long bytes, int events, double stringBytesPerEvent) {
  static CorpusStats of(Corpus corpus) {
    return new CorpusStats(corpus.bytes().length, corpus.events(), corpus.stringBytesPerEvent());
  }
}
