package dev.eventsource.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.EventStream;
import dev.eventsource.MessageEvent;
import dev.eventsource.testing.RawServer;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A thousand one-shot POST streams per transport, each left after its first event by leaving the
 * try-with-resources block, while the server still has a long reply to send. Afterwards, as in
 * {@link LeakTest}: every connection closed by the client, no thread left busy, no more sockets
 * than before, and every stream garbage.
 */
class PullStreamLeakTest extends ReliabilityTest {
  static final int CYCLES = 1_000;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void leavingTheLoopEarlyLeavesNoThreadSocketOrStream(Adapter adapter) throws Exception {
    RawServer server =
        serve(
                exchange -> {
                  exchange.streamHead();
                  exchange.write("data: first\n\n"); // then nothing more until the client leaves
                  exchange.holdUntilClientCloses();
                })
            .forgetExchanges();
    cycles(adapter, server, 20); // warm-up: pools, clients and classes exist before the count
    assertThat(server.awaitNoOpenConnections(20_000)).isTrue();
    Census before = LeakTest.settle(null);

    List<WeakReference<EventStream>> streams = cycles(adapter, server, CYCLES);

    assertThat(server.awaitNoOpenConnections(20_000))
        .as("every connection closed by the client (%s)", server)
        .isTrue();
    Census after = LeakTest.settle(before);
    assertThat(after.busyThreads)
        .as("busy threads, %s", after)
        .isLessThanOrEqualTo(before.busyThreads + 2);
    assertThat(after.sockets).as("open sockets").isLessThanOrEqualTo(before.sockets + 2);
    assertThat(LeakTest.collectGarbage(streams)).as("streams collected").isEqualTo(streams.size());
    assertThat(server.requests()).as("requests: one per stream").isEqualTo(CYCLES + 20);
  }

  private static List<WeakReference<EventStream>> cycles(Adapter adapter, RawServer server, int n)
      throws Exception {
    List<WeakReference<EventStream>> streams = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try (EventStream stream =
          EventSource.builder(server.uri("/reply"), adapter.transport())
              .method("POST", "{}".getBytes(UTF_8))
              .oneShot(true)
              .stream()) {
        streams.add(new WeakReference<>(stream));
        MessageEvent first = stream.next(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.data()).isEqualTo("first");
      }
    }
    return streams;
  }
}
