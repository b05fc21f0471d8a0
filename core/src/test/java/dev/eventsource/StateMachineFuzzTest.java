package dev.eventsource;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eventsource.parser.EventStreamParser;
import java.net.URI;

/**
 * Coverage-guided fuzzing of the state machine (Jazzer): an {@link EventSource} on a {@link
 * FakeTransport}, a {@link FakeScheduler} and a direct executor runs a program read from the fuzz
 * input. Two bytes configure the source (retry policy, read timeout, event size limit, initial ID);
 * then each byte picks an operation, whose arguments follow it: answer the request (status, type,
 * Retry-After), send body chunks built from stream fragments, end or fail the body, advance the
 * clock, {@code restart()}, {@code close()}, add or remove listeners, make a later callback close,
 * restart or throw, make the transport throw or answer inside {@code open}, or call a cancelled
 * connection's handler late. The transport keeps its SPI promises except for those late calls,
 * which the SPI says the core ignores.
 *
 * <p>Checked inside every callback: {@link ListenerContract}. Checked after every operation:
 * nothing escaped and nothing but the deliberate listener failures reached the uncaught-exception
 * handler; {@code readyState()} is what the callbacks announced; CLOSED leaves no timer and no
 * connection uncancelled; OPEN has a live connection with nothing left unread; CONNECTING always
 * has a request in flight or a timer pending; at most one timer is ever pending; requests never
 * outnumber one plus the restarts plus the errors that announced a reconnection; and none follows
 * {@code close()}.
 */
class StateMachineFuzzTest {
  private static final URI URL = URI.create(ListenerContract.ORIGIN + "/stream");
  private static final int MAX_STEPS = 400;

  private static final long[] RECONNECTION_MILLIS = {0, 1, 10, 100, 1000, 3000, 5000, 60_000};
  private static final long[] READ_TIMEOUT_MILLIS = {0, 0, 0, 50, 100, 1000, 5000, 60_000};
  private static final long[] HEALTHY_AFTER_MILLIS = {0, 1000, 60_000, 60_000};
  private static final int[] MAX_ATTEMPTS = {Integer.MAX_VALUE, 1, 2, 5};
  private static final int[] MAX_EVENT_SIZES = {
    EventStreamParser.DEFAULT_MAX_EVENT_SIZE, 8, 64, 1024
  };

  @FuzzTest(maxDuration = "30s")
  void anyOperationSequenceKeepsTheContract(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    FakeScheduler scheduler = new FakeScheduler();
    FakeTransport transport = new FakeTransport();
    EventSource.Builder builder =
        EventSource.builder(URL, transport).scheduler(scheduler).executor(Runnable::run);
    RetryPolicy policy = configure(in, builder);
    ListenerContract contract = new ListenerContract(policy);
    Thread thread = Thread.currentThread();
    Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
    thread.setUncaughtExceptionHandler(contract::uncaught);
    try {
      StateMachineProgram program =
          new StateMachineProgram(in, policy, builder, transport, scheduler, contract);
      for (int step = 0; step < MAX_STEPS && in.hasMore(); step++) {
        program.step();
        program.check();
      }
      program.close();
      scheduler.advance(24 * 3_600_000L);
      program.check();
    } finally {
      thread.setUncaughtExceptionHandler(previous);
    }
  }

  /**
   * Two bytes. The first: reconnection time (bits 0-2), backoff (3), retry HTTP errors (4), max
   * attempts (5-6), a 1 s backoff cap instead of 30 s (7). The second: read timeout (bits 0-2),
   * event size limit (3-4), healthy-after time (5-6), initial last event ID "seed" (7).
   */
  private static RetryPolicy configure(FuzzBytes in, EventSource.Builder builder) {
    int first = in.next();
    int second = in.next();
    RetryPolicy policy =
        RetryPolicy.builder()
            .reconnectionTime(RECONNECTION_MILLIS[first & 7], MILLISECONDS)
            .backoff((first & 8) != 0)
            .retryHttpErrors((first & 16) != 0)
            .maxAttempts(MAX_ATTEMPTS[(first >> 5) & 3])
            .maxReconnectionTime((first & 128) != 0 ? 1000 : 30_000, MILLISECONDS)
            .healthyAfter(HEALTHY_AFTER_MILLIS[(second >> 5) & 3], MILLISECONDS)
            .jitter(0) // jitter draws from ThreadLocalRandom: a finding must replay exactly
            .build();
    builder
        .retryPolicy(policy)
        .readTimeout(READ_TIMEOUT_MILLIS[second & 7], MILLISECONDS)
        .maxEventSize(MAX_EVENT_SIZES[(second >> 3) & 3])
        .lastEventId((second & 128) != 0 ? "seed" : "");
    return policy;
  }
}
