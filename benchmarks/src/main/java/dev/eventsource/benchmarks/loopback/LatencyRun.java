package dev.eventsource.benchmarks.loopback;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.logging.LDLogger;
import dev.eventsource.EventSource;
import dev.eventsource.jdk.JdkHttpTransport;
import dev.eventsource.okhttp.OkHttpTransport;
import dev.eventsource.transport.Transport;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.jspecify.annotations.Nullable;

/**
 * Latency from the server's write to the listener at a steady rate, for one client per JVM: {@code
 * LatencyRun CLIENT WARMUP COUNT [RATE]}. The first WARMUP events are not recorded. Prints one line
 * {@code RESULT client=... p50_us=... p99_us=... ...} on standard output.
 */
public final class LatencyRun {
  private final long[] latencies;
  private final int warmup;
  private final CountDownLatch done = new CountDownLatch(1);
  private final long[] transportPart;
  private @Nullable SplitTransport split;
  private int seen;

  private LatencyRun(int warmup, int count) {
    this.warmup = warmup;
    this.latencies = new long[count];
    this.transportPart = new long[count];
  }

  /**
   * Runs one client against a paced server and prints the percentiles.
   *
   * @param args client name, warm-up events, measured events, optionally events per second, and
   *     optionally {@code split} to also report how much of the latency is the transport's (this
   *     library's clients only; a diagnostic that adds a little work per event)
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    String client = args[0];
    int warmup = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    LatencyRun run = new LatencyRun(warmup, count);
    boolean split = args.length > 4 && args[4].equals("split");
    try (PacedServer server = PacedServer.start(warmup + count, rate)) {
      run.read(client, server.uri(), warmup + count, split);
    }
    long[] sorted = run.latencies.clone();
    Arrays.sort(sorted);
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT client=%s events=%d rate=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f",
            client,
            count,
            rate,
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            percentile(sorted, 0.999),
            sorted[sorted.length - 1] / 1000.0));
    if (run.split != null) {
      long[] transport = run.transportPart.clone();
      Arrays.sort(transport);
      long[] core = new long[count];
      for (int i = 0; i < count; i++) {
        core[i] = run.latencies[i] - run.transportPart[i];
      }
      Arrays.sort(core);
      System.out.println(
          String.format(
              Locale.ROOT,
              "SPLIT write->onBody p50_us=%.1f p99_us=%.1f | onBody->listener p50_us=%.1f"
                  + " p99_us=%.1f",
              percentile(transport, 0.50),
              percentile(transport, 0.99),
              percentile(core, 0.50),
              percentile(core, 0.99)));
    }
    System.exit(0); // the clients' non-daemon threads must not keep this JVM alive
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1000.0;
  }

  /** Called by the listener, one event at a time. */
  private void record(String data) {
    long now = System.nanoTime();
    long sent = Long.parseLong(data.trim());
    int index = seen++ - warmup;
    if (index >= 0) {
      latencies[index] = now - sent;
      SplitTransport s = split;
      if (s != null) {
        Long arrival = s.arrivals.remove(sent);
        transportPart[index] = arrival == null ? 0 : arrival - sent;
      }
      if (index == latencies.length - 1) {
        done.countDown();
      }
    }
  }

  private void read(String client, URI uri, int total, boolean splitting) throws Exception {
    switch (client) {
      case "ours-jdk":
        ours(maybeSplit(JdkHttpTransport.create(), splitting), uri);
        break;
      case "ours-jdk-direct":
        // A diagnostic, not a setting to use: listeners on the shared client's selector thread,
        // which a blocking listener would stall for every stream. It shows what the hand-off to
        // the listener thread costs over java.net.http.
        ours(maybeSplit(JdkHttpTransport.create(), splitting), uri, Runnable::run);
        break;
      case "ours-okhttp":
        ours(maybeSplit(OkHttpTransport.create(new OkHttpClient()), splitting), uri);
        break;
      case "okhttp-sse":
        okhttpSse(uri);
        break;
      case "launchdarkly":
        launchDarkly(uri, total);
        break;
      case "raw-socket":
        rawSocket(uri, total);
        break;
      case "bare-jdk":
        bareJdk(uri);
        break;
      default:
        throw new IllegalArgumentException("unknown client " + client);
    }
  }

  private Transport maybeSplit(Transport transport, boolean splitting) {
    if (!splitting) {
      return transport;
    }
    SplitTransport s = new SplitTransport(transport);
    split = s;
    return s;
  }

  private void ours(Transport transport, URI uri) throws InterruptedException {
    try (EventSource source =
        EventSource.builder(uri, transport).onAnyEvent((s, e) -> record(e.data())).build()) {
      await();
    }
  }

  private void ours(Transport transport, URI uri, Executor executor) throws InterruptedException {
    try (EventSource source =
        EventSource.builder(uri, transport)
            .executor(executor)
            .onAnyEvent((s, e) -> record(e.data()))
            .build()) {
      await();
    }
  }

  private void okhttpSse(URI uri) throws InterruptedException {
    okhttp3.sse.EventSource source =
        EventSources.createFactory(new OkHttpClient())
            .newEventSource(
                new Request.Builder().url(uri.toString()).build(),
                new EventSourceListener() {
                  @Override
                  public void onEvent(
                      okhttp3.sse.EventSource s,
                      @Nullable String id,
                      @Nullable String type,
                      String data) {
                    record(data);
                  }
                });
    await();
    source.cancel();
  }

  private void launchDarkly(URI uri, int total) throws Exception {
    try (com.launchdarkly.eventsource.EventSource source =
        new com.launchdarkly.eventsource.EventSource.Builder(ConnectStrategy.http(uri))
            .errorStrategy(ErrorStrategy.alwaysThrow())
            .logger(LDLogger.none())
            .build()) {
      source.start();
      for (int i = 0; i < total; i++) {
        record(source.readMessage().getData());
      }
    }
  }

  /** The limit: the socket's bytes, scanned for {@code data: } lines by hand. */
  private void rawSocket(URI uri, int total) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
      socket
          .getOutputStream()
          .write(("GET /paced HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      StringBuilder line = new StringBuilder();
      for (int n; seen < total && (n = in.read(buffer)) != -1; ) {
        for (int i = 0; i < n; i++) {
          char c = (char) buffer[i];
          if (c != '\n') {
            line.append(c);
            continue;
          }
          if (line.length() > 6 && line.charAt(0) == 'd' && line.indexOf("data: ") == 0) {
            record(line.substring(6));
          }
          line.setLength(0);
        }
      }
    }
  }

  /**
   * The JDK client's own floor: its line subscriber, each {@code data: } line recorded on the JDK's
   * thread, with no parser, no hand-off and no listener thread.
   */
  private void bareJdk(URI uri) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    client.sendAsync(
        request,
        HttpResponse.BodyHandlers.fromLineSubscriber(
            new Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String line) {
                if (line.startsWith("data: ")) {
                  record(line.substring(6));
                }
              }

              @Override
              public void onError(Throwable throwable) {}

              @Override
              public void onComplete() {}
            }));
    await();
  }

  private void await() throws InterruptedException {
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("only " + seen + " events arrived");
    }
  }
}
