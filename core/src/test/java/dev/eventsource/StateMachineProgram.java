package dev.eventsource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.ListenerContract.Action;
import dev.eventsource.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The operations {@link StateMachineFuzzTest} reads from its input, one byte each plus their
 * arguments, and the checks it makes after each. The fake server keeps the transport SPI's
 * promises: one response per request, body and end only after it, nothing after the end or a
 * failure. Only the late calls on a cancelled connection break them, as the SPI allows.
 */
final class StateMachineProgram {
  private static final long[] CLOCK_STEPS = {
    0, 1, 9, 49, 50, 99, 100, 101, 999, 1000, 3000, 5000, 30_000, 60_000, 120_000
  };
  private static final Integer[] STATUSES = {200, 200, 204, 201, 301, 404, 408, 429, 500, 503};
  private static final String[] CONTENT_TYPES = {
    "text/event-stream",
    "text/event-stream; charset=windows-1252",
    "Text/Event-Stream",
    "text/plain",
    "",
    "text/event-streamx"
  };
  private static final String[] RETRY_AFTER = {
    "", "", "0", "1", "120", "-5", "junk", "9223372036854775807", "Wed, 21 Oct 2015 07:28:00 GMT"
  };
  private static final String[] LISTENER_TYPES = {"message", "foo", "error", "open"};

  /** Pieces of a stream that a body chunk is made of, so events form within a few bytes. */
  private static final String[] FRAGMENTS = {
    "data: a\n",
    "data: b\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "id: 1\n",
    "id: 2\n",
    "id:\n",
    "id: \u0000\n",
    "event: foo\n",
    "event: open\n",
    "retry: 0\n",
    "retry: 250\n",
    "retry: 99999999999999999999\n",
    ": ping\n",
    "data\n",
    "data: ",
    "\uFEFF",
    "x",
    "data: " + "y".repeat(100) + "\n",
    "\u00e9",
  };

  final EventSource source;
  private final FuzzBytes in;
  private final RetryPolicy policy;
  private final FakeTransport transport;
  private final FakeScheduler scheduler;
  private final ListenerContract contract;
  private final Set<FakeExchange> responded = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<FakeExchange> finished = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<MessageListener> added = new ArrayList<>();
  private final List<String> addedTypes = new ArrayList<>();
  private int requestsAtClose = -1;

  StateMachineProgram(
      FuzzBytes in,
      RetryPolicy policy,
      EventSource.Builder builder,
      FakeTransport transport,
      FakeScheduler scheduler,
      ListenerContract contract) {
    this.in = in;
    this.policy = policy;
    this.transport = transport;
    this.scheduler = scheduler;
    this.contract = contract;
    this.source = contract.attach(builder).build();
  }

  /** Reads and runs one operation. */
  void step() {
    int op = in.pick(16);
    @Nullable FakeExchange exchange = transport.count() == 0 ? null : transport.last();
    switch (op) {
      case 0, 1 -> respond(exchange, 200, "text/event-stream", "");
      case 2 -> respond(exchange, in.pick(STATUSES), in.pick(CONTENT_TYPES), in.pick(RETRY_AFTER));
      case 3, 4, 5 -> {
        byte[] chunk = chunk();
        if (exchange != null && !finished.contains(exchange) && chunk.length > 0) {
          exchange.body(chunk);
        }
      }
      case 6 -> {
        if (exchange != null && finished.add(exchange)) {
          exchange.end();
        }
      }
      case 7 -> {
        if (exchange != null && finished.add(exchange)) {
          exchange.fail(new IOException("connection reset"));
        }
      }
      case 8, 9 -> scheduler.advance(in.pick(CLOCK_STEPS) + in.next());
      case 10 -> contract.restart(source);
      case 11 -> close();
      case 12 -> addListener(in.pick(LISTENER_TYPES));
      case 13 -> removeListener(in.next());
      case 14 -> contract.arm(in.pick(Action.values()), in.pick(4));
      default -> transportTrick(in.pick(6));
    }
  }

  /** The checks made after every step; see {@link StateMachineFuzzTest}. */
  void check() {
    contract.settle();
    assertThat(contract.violations()).as("listener contract").isEmpty();
    assertThat(contract.unexpectedUncaught()).as("reported as uncaught").isEmpty();
    ReadyState state = source.readyState();
    assertThat(state).as("readyState after the callbacks seen").isEqualTo(contract.expectedState());
    assertThat(scheduler.pending()).as("timers pending (%s)", state).isLessThanOrEqualTo(1);
    @Nullable FakeExchange last = transport.count() == 0 ? null : transport.last();
    if (state == ReadyState.CLOSED) {
      assertThat(scheduler.pending()).as("timers pending once CLOSED").isZero();
      for (int i = 0; i < transport.count(); i++) {
        assertThat(transport.get(i).isCancelled())
            .as("request %d cancelled once CLOSED", i)
            .isTrue();
      }
    } else if (state == ReadyState.OPEN) {
      assertThat(last).as("the open connection").isNotNull();
      assertThat(last.isCancelled()).as("the open connection is cancelled").isFalse();
      assertThat(last.queued()).as("chunks left unread on the open connection").isZero();
    } else {
      boolean inFlight = last != null && !last.isCancelled();
      assertThat(inFlight || scheduler.pending() > 0)
          .as("CONNECTING with neither a request in flight nor a timer")
          .isTrue();
    }
    assertThat(transport.count()).as("requests").isLessThanOrEqualTo(contract.maxRequests());
    if (contract.closeCalled()) {
      if (requestsAtClose < 0) {
        requestsAtClose = transport.count();
      }
      assertThat(transport.count()).as("requests after close()").isEqualTo(requestsAtClose);
    }
  }

  void close() {
    contract.close(source);
  }

  private void respond(
      @Nullable FakeExchange exchange, int status, String contentType, String retryAfter) {
    if (exchange == null || finished.contains(exchange) || !responded.add(exchange)) {
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (!contentType.isEmpty()) {
      headers.put("Content-Type", List.of(contentType));
    }
    if (!retryAfter.isEmpty()) {
      headers.put("Retry-After", List.of(retryAfter));
    }
    exchange.respond(status, headers, exchange.sent().url());
  }

  /** One to four fragments or raw bytes from the input. */
  private byte[] chunk() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pieces = 1 + in.pick(4);
    for (int i = 0; i < pieces; i++) {
      int choice = in.next();
      if (choice < 200) {
        out.writeBytes(FRAGMENTS[choice % FRAGMENTS.length].getBytes(UTF_8));
      } else {
        out.writeBytes(in.take(1 + (choice - 200) % 8));
      }
    }
    return out.toByteArray();
  }

  private void addListener(String type) {
    MessageListener listener = contract.typeListener(type);
    added.add(listener);
    addedTypes.add(type);
    source.addEventListener(type, listener);
  }

  private void removeListener(int which) {
    if (added.isEmpty()) {
      return;
    }
    int index = which % added.size();
    source.removeEventListener(addedTypes.remove(index), added.remove(index));
  }

  /**
   * A transport that throws from {@code open}, answers inside it, or calls the handler of a
   * cancelled connection late (the SPI: "callers ignore anything that still arrives").
   */
  private void transportTrick(int trick) {
    switch (trick) {
      case 0 -> {
        // Without backoff, a reconnection time of 0 and a transport that fails inside open()
        // reconnect at once, forever, as configured: the fake clock would never move on.
        if (policy.backoff()) {
          transport.throwOnOpen(new IllegalStateException("client shut down"));
        }
      }
      case 1 -> transport.throwOnOpen(null);
      case 2 ->
          transport.answerInsideOpen(
              exchange -> {
                responded.add(exchange);
                exchange.respondOk();
              });
      case 3 -> transport.answerInsideOpen(null);
      default -> lateCall(trick == 4);
    }
  }

  private void lateCall(boolean body) {
    if (transport.count() == 0) {
      return;
    }
    FakeExchange exchange = transport.get(in.pick(transport.count()));
    if (!exchange.isCancelled()) {
      return;
    }
    if (body) {
      byte[] chunk = chunk();
      if (chunk.length > 0) {
        exchange.handler().onBody(ByteBuffer.wrap(chunk));
      }
      return;
    }
    switch (in.pick(3)) {
      case 0 ->
          exchange
              .handler()
              .onResponse(
                  TransportResponse.of(
                      200,
                      Map.of("Content-Type", List.of("text/event-stream")),
                      exchange.sent().url()));
      case 1 -> exchange.handler().onEnd();
      default -> exchange.handler().onFailure(new IOException("late failure"));
    }
  }
}
