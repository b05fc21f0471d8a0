package dev.eventsource.reliability;

import dev.eventsource.reliability.ResumableFeed.Cut;
import dev.eventsource.testing.Exchange;
import dev.eventsource.testing.RawServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a {@link ResumableFeed} from each request's {@code Last-Event-ID}, and cuts the first
 * {@code drops} connections short. Each response that gets past its head starts with {@code retry:
 * 0}, as a server that wants its clients back at once would send. Each connection's choices come
 * from a {@link Random} seeded with the run's seed and the connection's number: the kind of cut,
 * where, the framing (close-delimited or chunked, a chunked cut possibly inside a chunk), write
 * sizes of 1 to 2048 bytes, and FIN or RST. One cut in twenty lands inside the response head
 * instead. After the drops, the next connection sends the rest of the feed and ends cleanly; a
 * request that has seen every event gets 204, which closes the source.
 */
final class FeedCutter implements RawServer.Handler {
  private final ResumableFeed feed;
  private final int drops;
  private final long seed;
  private final AtomicInteger dropped = new AtomicInteger();
  private final Map<Cut, Integer> byKind = Collections.synchronizedMap(new EnumMap<>(Cut.class));
  final AtomicInteger inHead = new AtomicInteger();
  final AtomicInteger chunked = new AtomicInteger();
  final AtomicInteger resets = new AtomicInteger();
  final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());

  FeedCutter(ResumableFeed feed, int drops, long seed) {
    this.feed = feed;
    this.drops = drops;
    this.seed = seed;
  }

  int dropped() {
    return dropped.get();
  }

  Map<Cut, Integer> byKind() {
    synchronized (byKind) {
      return new EnumMap<>(byKind);
    }
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    String lastEventId = exchange.header("Last-Event-ID");
    lastEventIds.add(lastEventId == null ? "" : lastEventId);
    int from = feed.resumeIndex(lastEventId);
    if (from >= feed.size()) {
      exchange.respond("204 No Content");
      return;
    }
    Random random = new Random(mix(seed + exchange.connection * 0x9E3779B97F4A7C15L));
    boolean isChunked = random.nextBoolean();
    byte[] head = head(isChunked);
    if (dropped.get() >= drops) {
      exchange.write(head);
      writeRetry(exchange, isChunked);
      send(exchange, from, feed.bytes().length - feed.start(from), isChunked, random, true);
      return;
    }
    dropped.incrementAndGet();
    if (isChunked) {
      chunked.incrementAndGet();
    }
    if (random.nextInt(20) == 0) {
      exchange.write(head, 0, 1 + random.nextInt(head.length - 1));
      inHead.incrementAndGet();
    } else {
      Cut cut = Cut.values()[random.nextInt(Cut.values().length)];
      exchange.write(head);
      writeRetry(exchange, isChunked);
      send(exchange, from, feed.cutLength(from, cut, random), isChunked, random, false);
      byKind.merge(cut, 1, Integer::sum);
    }
    if (random.nextInt(4) == 0) {
      resets.incrementAndGet();
      exchange.reset();
    } else {
      exchange.close();
    }
  }

  /** SplitMix64's finalizer: neighbouring connection numbers get unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static byte[] head(boolean chunked) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + (chunked ? "Transfer-Encoding: chunked\r\n" : "")
            + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void writeRetry(Exchange exchange, boolean chunked) throws IOException {
    String retry = "retry: 0\n";
    exchange.write(chunked ? Integer.toHexString(retry.length()) + "\r\n" + retry + "\r\n" : retry);
  }

  /** Sends {@code length} bytes of the feed from event {@code from} in writes of random sizes. */
  private void send(
      Exchange exchange, int from, int length, boolean chunked, Random random, boolean finish)
      throws IOException {
    byte[] bytes = feed.bytes();
    int position = feed.start(from);
    int end = position + length;
    while (position < end) {
      int n = Math.min(end - position, 1 + random.nextInt(random.nextBoolean() ? 16 : 2048));
      boolean last = position + n == end;
      if (chunked) {
        // A cut inside a chunk: the last chunk announces more bytes than it carries.
        int announced = last && !finish && random.nextBoolean() ? n + 1 + random.nextInt(99) : n;
        exchange.write(Integer.toHexString(announced) + "\r\n");
        exchange.write(bytes, position, n);
        if (announced == n) {
          exchange.write("\r\n");
        }
      } else {
        exchange.write(bytes, position, n);
      }
      position += n;
    }
    if (finish && chunked) {
      exchange.write("0\r\n\r\n");
    }
  }
}
