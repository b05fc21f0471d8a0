package dev.eventsource.samples;

import static dev.eventsource.samples.ConsoleRun.complete;
import static dev.eventsource.samples.ConsoleRun.error;
import static dev.eventsource.samples.ConsoleRun.event;
import static dev.eventsource.samples.ConsoleRun.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.samples.LocalServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --method}, {@code --body} and {@code --no-reconnect}: the console reads an LLM-style reply
 * as curl would, sends the POST once, prints a {@code complete} line at the end and exits 0.
 */
class ConsoleOneShotTest {
  private static final String PROMPT = "{\"prompt\":\"caf\u00e9\"}";
  private LocalServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new LocalServer();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  private void enqueueReply() {
    server.enqueue(
        exchange ->
            exchange
                .startStream()
                .chunk("data: Hel\n\n")
                .chunk("data: lo\n\ndata: [DONE]\n\n")
                .end());
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  void postWithNoReconnectPrintsEachEventThenCompleteAndExitsZero(String transport)
      throws Exception {
    enqueueReply();

    ConsoleRun run =
        ConsoleRun.of(
            "--json",
            "--transport",
            transport,
            "--method",
            "POST",
            "--header",
            "Content-Type: application/json",
            "--body",
            PROMPT,
            "--no-reconnect",
            server.url("/v1/chat"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks())
        .containsExactly(
            open(),
            event("message", "Hel", "", server.origin()),
            event("message", "lo", "", server.origin()),
            event("message", "[DONE]", "", server.origin()),
            complete());
    Request request = server.takeRequest();
    assertThat(request.line()).startsWith("POST /v1/chat ");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.body()).isEqualTo(PROMPT);
    assertThat(server.pollRequest(300)).as("the POST sent again").isNull();
  }

  @Test
  void readableOutputEndsWithTheCompleteLine() throws Exception {
    enqueueReply();

    ConsoleRun run = ConsoleRun.of("--no-reconnect", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    String[] lines = run.stdout().split("\n");
    assertThat(lines[lines.length - 1])
        .matches("\\S+ CLOSED +complete: the stream ended; closed for good");
    assertThat(server.takeRequest().line()).startsWith("GET /s ");
  }

  @Test
  void withoutNoReconnectTheEndIsAnErrorAndTheRequestIsSentAgain() throws Exception {
    enqueueReply();

    ConsoleRun run =
        ConsoleRun.of(
            "--json",
            "--method",
            "POST",
            "--body",
            PROMPT,
            "--reconnect-ms",
            "0",
            server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.callbacks()).endsWith(error(0), error(2)); // then the server's 204
    assertThat(server.takeRequest().body()).isEqualTo(PROMPT);
    assertThat(server.takeRequest().body()).as("sent again on reconnection").isEqualTo(PROMPT);
  }

  @Test
  void bodyWithoutAMethodThatTakesOneIsAUsageError() throws Exception {
    ConsoleRun run = ConsoleRun.of("--body", "x", server.url("/s"));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderr()).contains("GET");
    assertThat(server.pollRequest(0)).isNull();
  }

  @Test
  void helpDocumentsTheOneShotOptionsAndTheCompleteLine() throws Exception {
    ConsoleRun run = ConsoleRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains(
            "--method", "--body", "--no-reconnect", "{\"kind\":\"complete\",\"readyState\":2}");
  }
}
