package dev.eventsource.samples;

import static dev.eventsource.samples.ConsoleRun.error;
import static dev.eventsource.samples.ConsoleRun.event;
import static dev.eventsource.samples.ConsoleRun.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.parser.EventSizeLimitException;
import dev.eventsource.parser.EventStreamParser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded demo feed: the whole subscriber against it gets every event exactly once across the
 * dropped connection and stops at the 204; and the feed itself answers each request from its {@code
 * Last-Event-ID} alone. The feed pauses 5 ms between events (people get 400 ms).
 */
class DemoFeedTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DemoFeed feed;

  @BeforeEach
  void startFeed() throws Exception {
    feed = DemoFeed.start(0, 5);
  }

  @AfterEach
  void stopFeed() {
    feed.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void subscriberGetsEveryEventOnceAcrossTheDropAndStopsAtThe204(String transport)
      throws Exception {
    ConsoleRun run = ConsoleRun.of(20, "--json", "--transport", transport, feed.url().toString());

    String origin = "http://127.0.0.1:" + feed.url().getPort();
    List<Map<String, Object>> expected = new ArrayList<>();
    expected.add(open());
    for (int id = 1; id <= DemoFeed.EVENT_COUNT; id++) {
      Parsed e = parse(DemoFeed.event(id)).events().get(0);
      expected.add(event(e.type(), e.data(), e.lastEventId(), origin));
      if (id == DemoFeed.DROP_AFTER) {
        // The half-sent event is discarded; the resume carries Last-Event-ID 5, and the feed
        // (below) answers that with exactly the events after 5.
        expected.add(error(0));
        expected.add(open());
      }
    }
    expected.add(error(0)); // the resumed stream ends after the last event
    expected.add(error(2)); // Last-Event-ID 10: 204, closed for good
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks()).as(run.describe()).containsExactlyElementsOf(expected);
  }

  @Test
  void firstConnectionSetsRetrySendsEventsUpToTheDropThenCutsAnEventShort() throws Exception {
    HttpResponse<String> response = get(null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    Body stream = parse(response.body());
    assertThat(stream.retries()).containsExactly(1000L);
    assertThat(stream.comments()).contains(" heartbeat");
    assertThat(ids(stream)).containsExactlyElementsOf(range(1, DemoFeed.DROP_AFTER));
    assertThat(response.body()).endsWith("id: " + (DemoFeed.DROP_AFTER + 1) + "\ndata: cut off");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, DemoFeed.DROP_AFTER, 7, DemoFeed.EVENT_COUNT - 1})
  void lastEventIdGetsExactlyTheEventsAfterIt(int lastEventId) throws Exception {
    HttpResponse<String> response = get(Integer.toString(lastEventId));

    assertThat(response.statusCode()).isEqualTo(200);
    Body stream = parse(response.body());
    assertThat(stream.retries()).isEmpty();
    assertThat(ids(stream)).containsExactlyElementsOf(range(lastEventId + 1, DemoFeed.EVENT_COUNT));
    assertThat(response.body()).endsWith("\n\n"); // nothing cut off: the stream simply ends
  }

  @ParameterizedTest
  @ValueSource(ints = {DemoFeed.EVENT_COUNT, DemoFeed.EVENT_COUNT + 1, 1_000_000})
  void lastEventIdAtOrPastTheEndGets204(int lastEventId) throws Exception {
    HttpResponse<String> response = get(Integer.toString(lastEventId));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void eventsAreNamedAndUnnamedWithIdsAndMultiLineData() {
    List<Parsed> events = new ArrayList<>();
    for (int id = 1; id <= DemoFeed.EVENT_COUNT; id++) {
      events.addAll(parse(DemoFeed.event(id)).events());
    }
    assertThat(events).extracting(Parsed::type).contains("message", "tick", "update");
    assertThat(events).extracting(Parsed::data).anyMatch(data -> data.contains("\n"));
    assertThat(events)
        .extracting(Parsed::lastEventId)
        .containsExactlyElementsOf(range(1, DemoFeed.EVENT_COUNT));
  }

  private HttpResponse<String> get(@Nullable String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(feed.url()).timeout(Duration.ofSeconds(10)).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** One event as the library's own parser reads it. */
  record Parsed(String type, String data, String lastEventId) {}

  /** What a whole body gives: events, retry values and comments, in order. */
  record Body(List<Parsed> events, List<Long> retries, List<String> comments) {}

  /** Parses a whole body with the standalone parser; an unfinished last event is dropped. */
  private static Body parse(String body) {
    Body stream = new Body(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    EventStreamParser parser =
        new EventStreamParser(
            new EventStreamParser.Handler() {
              @Override
              public void onEvent(String type, String data, String lastEventId) {
                stream.events().add(new Parsed(type, data, lastEventId));
              }

              @Override
              public void onRetry(long millis) {
                stream.retries().add(millis);
              }

              @Override
              public void onComment(String comment) {
                stream.comments().add(comment);
              }
            });
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try {
      parser.feed(bytes, 0, bytes.length);
    } catch (EventSizeLimitException e) {
      throw new AssertionError(e);
    }
    parser.end();
    return stream;
  }

  private static List<String> ids(Body stream) {
    return stream.events().stream().map(Parsed::lastEventId).toList();
  }

  private static List<String> range(int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(Integer::toString).toList();
  }
}
