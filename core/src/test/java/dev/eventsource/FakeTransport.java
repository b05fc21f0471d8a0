package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.transport.Connection;
import dev.eventsource.transport.ResponseHandler;
import dev.eventsource.transport.Transport;
import dev.eventsource.transport.TransportRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A transport that sends nothing: it records every request and hands the test a {@link
 * FakeExchange} per request to play the server's part.
 */
final class FakeTransport implements Transport {
  private final List<FakeExchange> exchanges = new CopyOnWriteArrayList<>();
  private volatile @Nullable Consumer<FakeExchange> onOpen;
  private volatile @Nullable RuntimeException throwOnOpen;
  private volatile boolean dedicatesThreads;

  @Override
  public Connection open(TransportRequest request, ResponseHandler handler) {
    RuntimeException toThrow = throwOnOpen;
    if (toThrow != null) {
      throw toThrow;
    }
    FakeExchange exchange = new FakeExchange(request, handler);
    exchanges.add(exchange);
    Consumer<FakeExchange> hook = onOpen;
    if (hook != null) {
      hook.accept(exchange); // a transport that answers before open() returns
    }
    return exchange;
  }

  /**
   * Declares a thread per connection, as a blocking transport does: the test's thread that plays a
   * connection's server is then that connection's own thread.
   */
  void dedicateThreads(boolean dedicates) {
    this.dedicatesThreads = dedicates;
  }

  @Override
  public boolean dedicatesThreadPerConnection() {
    return dedicatesThreads;
  }

  /** Runs {@code hook} inside {@link #open}, before the connection handle is returned. */
  void answerInsideOpen(Consumer<FakeExchange> hook) {
    this.onOpen = hook;
  }

  /** Makes {@link #open} throw, as a transport whose client was shut down might. */
  void throwOnOpen(@Nullable RuntimeException e) {
    this.throwOnOpen = e;
  }

  /** How many requests were sent. */
  int count() {
    return exchanges.size();
  }

  /** The exchange of the request with this index, from 0. */
  FakeExchange get(int index) {
    assertThat(exchanges).as("requests sent").hasSizeGreaterThan(index);
    return exchanges.get(index);
  }

  /** The exchange of the latest request. */
  FakeExchange last() {
    assertThat(exchanges).as("requests sent").isNotEmpty();
    return exchanges.get(exchanges.size() - 1);
  }

  /** Every request sent, in order. */
  List<TransportRequest> requests() {
    List<TransportRequest> requests = new ArrayList<>();
    for (FakeExchange e : exchanges) {
      requests.add(e.sent());
    }
    return requests;
  }
}
