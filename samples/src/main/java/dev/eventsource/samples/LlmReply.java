package dev.eventsource.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventsource.EventSource;
import dev.eventsource.EventStream;
import dev.eventsource.EventStreamException;
import dev.eventsource.MessageEvent;
import dev.eventsource.RetryPolicy;
import dev.eventsource.jdk.JdkHttpTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Streams an LLM's reply from an OpenAI-style chat completions endpoint and prints the tokens as
 * they arrive: one POST, read with the pull stream, never sent again. The server sends {@code data:
 * {json}} chunks, then {@code data: [DONE]}, then ends the response; a server that just ends works
 * too.
 *
 * <pre>
 * OPENAI_API_KEY=sk-... java -cp eventsource-console.jar dev.eventsource.samples.LlmReply \
 *     "Why is the sky blue?" [URL [MODEL]]
 * </pre>
 *
 * <p>The URL defaults to {@code $LLM_URL}, else OpenAI's chat completions endpoint; the model to
 * {@code $LLM_MODEL}, else {@value #DEFAULT_MODEL}; the key comes from {@code $OPENAI_API_KEY}.
 */
public final class LlmReply {
  static final String DEFAULT_URL = "https://api.openai.com/v1/chat/completions";
  static final String DEFAULT_MODEL = "gpt-4o-mini";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LlmReply() {}

  /**
   * Prints the reply to the prompt; exits 1 with the reason on standard error if it fails.
   *
   * @param args the prompt, then optionally the URL and the model
   * @throws IOException if the request body cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: LlmReply PROMPT [URL [MODEL]]  (key in $OPENAI_API_KEY)");
      System.exit(2);
    }
    URI url = URI.create(args.length > 1 ? args[1] : env("LLM_URL", DEFAULT_URL));
    String model = args.length > 2 ? args[2] : env("LLM_MODEL", DEFAULT_MODEL);
    try {
      print(url, env("OPENAI_API_KEY", ""), model, args[0], System.out);
    } catch (EventStreamException e) {
      System.err.println("the reply failed: " + e.getCause().getMessage());
      System.exit(1);
    }
  }

  /**
   * Sends the prompt and prints each token of the reply as it arrives, then a line break.
   *
   * @throws EventStreamException if the request or the reply fails; its cause says why
   */
  static void print(URI url, String key, String model, String prompt, PrintStream out)
      throws IOException {
    byte[] body =
        JSON.writeValueAsBytes(
            Map.of(
                "model",
                model,
                "stream",
                true,
                "messages",
                List.of(Map.of("role", "user", "content", prompt))));
    try (EventStream events =
        EventSource.builder(url, JdkHttpTransport.create())
            .method("POST", body)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .oneShot(true) // the end of the reply is the end: never POST (and pay) twice
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()) // if it cannot connect
            .stream()) {
      for (MessageEvent event : events) {
        if (event.data().equals("[DONE]")) {
          break; // leaving the block closes the connection
        }
        JsonNode token = JSON.readTree(event.data()).path("choices").path(0).path("delta");
        out.print(token.path("content").asText(""));
        out.flush();
      }
    }
    out.println();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
