package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsource.ConnectionFailedException;
import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.ReadyState;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CR, LF and NUL in what the user supplies (header names and values, the initial ID, a request
 * customizer's headers) are refused with an {@link IllegalArgumentException} that says what and
 * where, and never quotes the value: it may be a credential.
 */
class HeaderInjectionTest extends ReliabilityTest {
  static final Map<String, String> BAD = Map.of("CR", "\r", "LF", "\n", "NUL", "\0");

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void controlCharactersInHeadersAndIdsAreRefusedWithoutQuotingTheValue(Adapter adapter) {
    URI url = URI.create("http://127.0.0.1:9/never");
    List<String> messages = new ArrayList<>();
    for (Map.Entry<String, String> bad : BAD.entrySet()) {
      String what = bad.getKey();
      for (String value :
          List.of(
              Secrets.TOKEN + bad.getValue() + "Injected: yes",
              bad.getValue() + Secrets.TOKEN,
              Secrets.TOKEN + bad.getValue())) {
        int index = value.indexOf(bad.getValue());
        EventSource.Builder builder = EventSource.builder(url, adapter.transport());
        messages.add(
            refused(() -> builder.header("Authorization", value), what, index, "Authorization"));
        messages.add(refused(() -> builder.header("X-Custom", value), what, index, "X-Custom"));
        messages.add(refused(() -> builder.lastEventId(value), what, index, "lastEventId"));
        messages.add(refused(() -> builder.header(value, "v"), null, index, "header name"));
        messages.add(refused(() -> builder.sensitiveHeader(value), null, index, "header name"));
      }
    }
    Figures.print(
        "header-injection",
        adapter,
        "%d refusals checked, e.g. \"%s\" and \"%s\"",
        messages.size(),
        messages.get(0),
        messages.get(3));
  }

  /** Refused, naming the problem ({@code what}, or "not allowed" for a name) and the index. */
  private static String refused(Runnable call, String what, int index, String subject) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(call::run)
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> thrown[0] = e);
    String message = thrown[0].getMessage();
    assertThat(message)
        .contains(subject, "index " + index)
        .contains(what == null ? "not allowed" : what)
        .doesNotContain(Secrets.TOKEN)
        .doesNotContain("Injected");
    Secrets.scan("IllegalArgumentException", ReliabilityTest.stackTrace(thrown[0]));
    return message;
  }

  /**
   * A customizer that adds a header with a line break gets refused too: the attempt fails with
   * {@link ConnectionFailedException}, no request leaves, and the error quotes no value.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void customizerCannotSmuggleALineBreak(Adapter adapter) throws Exception {
    RawServer server =
        serve(
            exchange -> {
              exchange.streamHead();
              exchange.holdUntilClientCloses();
            });
    RecordingListener recorder = Secrets.recorder();
    open(
        builder(adapter, server.uri("/"), recorder)
            .retryPolicy(noBackoff(60_000))
            .requestCustomizer(
                (request, attempt) ->
                    request.toBuilder()
                        .header("X-Token", Secrets.TOKEN + "\r\nInjected: yes")
                        .build()));

    RecordingListener.Callback failure = recorder.next(RecordingListener.Kind.ERROR, WAIT_MILLIS);
    // A network error reconnects; a transport may also judge a retry futile and close (D8).
    assertThat(failure.state()).isIn(ReadyState.CONNECTING, ReadyState.CLOSED);
    EventSourceException error = failure.error();
    assertThat(error).isInstanceOf(ConnectionFailedException.class);
    assertThat(error).hasRootCauseInstanceOf(IllegalArgumentException.class);
    Thread.sleep(200);
    assertThat(server.requests()).as("requests sent").isZero();
    Figures.print(
        "header-injection",
        adapter,
        "customizer refused (readyState %s): \"%s\" caused by \"%s\"",
        failure.state(),
        error.getMessage(),
        error.getCause().getCause().getMessage());
  }

  /**
   * Other control characters (U+0001, DEL) are not line breaks and the core lets them through; each
   * client then sends or refuses them, and a refusal quotes no value either.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void otherControlCharactersAreSentOrRefusedWithoutQuotingTheValue(Adapter adapter)
      throws Exception {
    RawServer server =
        serve(
            exchange -> {
              exchange.streamHead();
              exchange.holdUntilClientCloses();
            });
    RecordingListener recorder = Secrets.recorder();
    open(
        builder(adapter, server.uri("/"), recorder)
            .header("X-Token", Secrets.TOKEN + "\u0001\u007f")
            .retryPolicy(noBackoff(60_000)));

    RecordingListener.Callback first = recorder.next(WAIT_MILLIS);
    String outcome;
    if (first.kind() == RecordingListener.Kind.OPEN) {
      String sent = server.exchanges().get(0).header("X-Token");
      assertThat(sent).isEqualTo(Secrets.TOKEN + "\u0001\u007f");
      outcome = "sent as is";
    } else {
      assertThat(first.error()).isInstanceOf(ConnectionFailedException.class);
      assertThat(server.requests()).isZero();
      outcome = "refused: " + first.error().getMessage();
    }
    Figures.print("header-injection", adapter, "U+0001 and DEL in a value: %s", outcome);
  }
}
