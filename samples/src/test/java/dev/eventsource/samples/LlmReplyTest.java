package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventsource.EventStreamException;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.samples.LocalServer.Request;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM sample against a local stand-in for an OpenAI-style endpoint: {@code data: {json}}
 * chunks, {@code data: [DONE]}, then the end of the response.
 */
class LlmReplyTest {
  private LocalServer server;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void startServer() throws Exception {
    server = new LocalServer();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  private static String chunk(String token) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + token + "\"}}]}\n\n";
  }

  private void print(String prompt) throws Exception {
    LlmReply.print(URI.create(server.url("/v1/chat/completions")), "sk-test", "m1", prompt, out);
  }

  @Test
  void printsTheTokensAsTheyArriveAndPostsThePromptOnce() throws Exception {
    server.enqueue(
        exchange -> {
          exchange
              .startStream()
              .chunk("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n");
          exchange
              .chunk(chunk("The sky"))
              .chunk(chunk(" is blue") + chunk("."))
              .chunk("data: [DONE]\n\n");
          exchange.end();
        });

    print("Why is the sky blue?");

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("The sky is blue." + System.lineSeparator());
    Request request = server.takeRequest();
    assertThat(request.line()).startsWith("POST /v1/chat/completions ");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("model").asText()).isEqualTo("m1");
    assertThat(body.path("messages").path(0).path("content").asText())
        .isEqualTo("Why is the sky blue?");
    assertThat(server.pollRequest(300)).as("the prompt posted again").isNull();
  }

  @Test
  void aReplyThatEndsWithoutDoneEndsTheLoopToo() throws Exception {
    server.enqueue(exchange -> exchange.startStream().chunk(chunk("Hi")).end());

    print("hello");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Hi" + System.lineSeparator());
    server.takeRequest();
    assertThat(server.pollRequest(300)).as("the prompt posted again").isNull();
  }

  @Test
  void aRefusedKeyFailsWithTheStatus() throws Exception {
    server.enqueue(exchange -> exchange.status(401));

    assertThatThrownBy(() -> print("hello"))
        .isInstanceOf(EventStreamException.class)
        .cause()
        .isInstanceOfSatisfying(
            UnexpectedResponseException.class, e -> assertThat(e.status()).isEqualTo(401));
    server.takeRequest();
    assertThat(server.pollRequest(300)).as("the prompt posted again").isNull();
  }
}
