package dev.eventsource.samples;

import static dev.eventsource.samples.ConsoleRun.error;
import static dev.eventsource.samples.ConsoleRun.event;
import static dev.eventsource.samples.ConsoleRun.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.samples.LocalServer.Request;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The options of the console subscriber's contract, each over both transports against a local
 * server: what stops it ({@code --max-events}, {@code --max-errors}, a 204), what it sends ({@code
 * --last-event-id}, {@code --header}), its timing ({@code --reconnect-ms}, {@code
 * --read-timeout-ms}), and exact JSON strings.
 */
class ConsoleOptionsTest {
  private LocalServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new LocalServer();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void maxEventsStopsAfterExactlyThatManyEvents(String transport) throws Exception {
    server.enqueue(
        exchange -> {
          exchange.startStream();
          for (int id = 1; id <= 5; id++) {
            exchange.chunk("id: " + id + "\ndata: e" + id + "\n\n");
          }
          exchange.holdOpen(); // only the count can stop the subscriber
        });

    ConsoleRun run = json(transport, "--max-events", "3", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks())
        .containsExactly(
            open(),
            event("message", "e1", "1", server.origin()),
            event("message", "e2", "2", server.origin()),
            event("message", "e3", "3", server.origin()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void maxErrorsStopsAtTheSecondError(String transport) throws Exception {
    for (int i = 1; i <= 2; i++) {
      String data = "attempt " + i;
      server.enqueue(exchange -> exchange.startStream().chunk("data: " + data + "\n\n").end());
    }

    ConsoleRun run = json(transport, "--max-errors", "2", "--reconnect-ms", "0", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks())
        .containsExactly(
            open(),
            event("message", "attempt 1", "", server.origin()),
            error(0),
            open(),
            event("message", "attempt 2", "", server.origin()),
            error(0));
    server.takeRequest();
    server.takeRequest();
    assertThat(server.pollRequest(300)).as("a third request").isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void lastEventIdIsSentWithTheFirstRequest(String transport) throws Exception {
    server.enqueue(exchange -> exchange.startStream().chunk("data: x\n\n").holdOpen());

    ConsoleRun run =
        json(transport, "--last-event-id", "evt-41", "--max-events", "1", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(server.takeRequest().header("Last-Event-ID")).isEqualTo("evt-41");
    assertThat(run.callbacks())
        .containsExactly(open(), event("message", "x", "evt-41", server.origin()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void headersArriveAndNoLastEventIdWithoutTheOption(String transport) throws Exception {
    server.enqueue(exchange -> exchange.startStream().chunk("data: x\n\n").holdOpen());

    ConsoleRun run =
        json(
            transport,
            "--header",
            "X-A: b",
            "--header",
            "X-Trace:  two words ",
            "--max-events",
            "1",
            server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    Request request = server.takeRequest();
    assertThat(request.header("X-A")).isEqualTo("b");
    assertThat(request.header("X-Trace")).isEqualTo("two words");
    assertThat(request.header("Last-Event-ID")).isNull();
    assertThat(request.header("Accept")).isEqualTo("text/event-stream");
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void transportOptionChoosesTheHttpClient(String transport) throws Exception {
    server.enqueue(exchange -> exchange.startStream().chunk("data: x\n\n").holdOpen());

    json(transport, "--max-events", "1", server.url("/s"));

    String userAgent = server.takeRequest().header("User-Agent");
    assertThat(userAgent).startsWith(transport.equals("okhttp") ? "okhttp/" : "Java-http-client/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void reconnectMsSetsTheDelayBeforeTheSecondRequest(String transport) throws Exception {
    server.enqueue(exchange -> exchange.startStream().end());
    server.enqueue(exchange -> exchange.startStream().end());

    ConsoleRun run =
        json(transport, "--reconnect-ms", "800", "--max-errors", "2", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    server.takeRequest();
    long secondArrived = server.takeRequest().arrivedNanos();
    long firstEnded = server.replyEndNanos().get(0);
    long delayMillis = TimeUnit.NANOSECONDS.toMillis(secondArrived - firstEnded);
    // The first reconnection waits exactly the reconnection time (the default would be 3000 ms).
    assertThat(delayMillis).isBetween(700L, 2500L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void readTimeoutTurnsSilenceIntoAnError(String transport) throws Exception {
    server.enqueue(exchange -> exchange.startStream().chunk("data: then silence\n\n").holdOpen());

    long start = System.nanoTime();
    ConsoleRun run =
        json(transport, "--read-timeout-ms", "300", "--max-errors", "1", server.url("/s"));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks())
        .containsExactly(open(), event("message", "then silence", "", server.origin()), error(0));
    assertThat(run.stdout()).contains("300 ms");
    assertThat(tookMillis).isGreaterThanOrEqualTo(250);
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void status204IsAClosedErrorAndExitsZeroByItself(String transport) throws Exception {
    server.enqueue(exchange -> exchange.status(204));

    ConsoleRun run = json(transport, server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks()).containsExactly(error(2));
    server.takeRequest();
    assertThat(server.pollRequest(300)).as("a request after the 204").isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void controlCharactersAndNulAreEscapedAndRoundTripExactly(String transport) throws Exception {
    String line1 = "nul\u0000soh\u0001tab\tunit\u001fdel\u007fquote\"backslash\\";
    String line2 = "caf\u00e9 \u20ac \ud83d\ude00 \u2028";
    server.enqueue(
        exchange ->
            exchange.startStream().chunk("data: " + line1 + "\ndata: " + line2 + "\n\n").end());

    ConsoleRun run = json(transport, "--max-errors", "1", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks())
        .containsExactly(
            open(), event("message", line1 + "\n" + line2, "", server.origin()), error(0));
    List<String> lines = run.stdout().lines().toList();
    assertThat(lines.get(1)).containsIgnoringCase("nul\\u0000soh\\u0001tab\\tunit\\u001fdel");
    // Nothing raw but the line breaks, and plain ASCII: no platform charset can alter a line.
    assertThat(run.stdout().chars().filter(c -> c < 0x20 && c != '\n' || c > 0x7f)).isEmpty();
  }

  private static ConsoleRun json(String transport, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "--json";
    all[1] = "--transport";
    all[2] = transport;
    System.arraycopy(args, 0, all, 3, args.length);
    return ConsoleRun.of(all);
  }
}
