package dev.eventsource.benchmarks.loopback;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Counts the events of one stream as a listener receives them and lets the benchmark thread wait
 * for the last one. The listener side is called by one thread at a time, as every library here
 * guarantees for one stream.
 */
final class Completion {
  private final int expected;
  private final CountDownLatch done = new CountDownLatch(1);
  private int events;
  private long dataChars;
  private volatile @Nullable Throwable failure;

  Completion(int expected) {
    this.expected = expected;
  }

  void event(String data) {
    dataChars += data.length();
    if (++events == expected) {
      done.countDown();
    }
  }

  /** An error before the last event fails the operation; after it, the end of the stream is due. */
  void error(Throwable error) {
    if (done.getCount() > 0) {
      failure = error;
      done.countDown();
    }
  }

  long await() throws Exception {
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new TimeoutException("stream incomplete after 120 s: " + events + " of " + expected);
    }
    Throwable error = failure;
    if (error != null) {
      throw new IllegalStateException("stream failed after " + events + " events", error);
    }
    return dataChars;
  }
}
