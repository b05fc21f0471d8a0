package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the console subscriber in this JVM, through {@code ConsoleSubscriber.run}, with its
 * standard output and error captured as UTF-8. The run happens on a daemon thread, so a subscriber
 * that never stops fails the test after the time limit instead of hanging the build.
 */
record ConsoleRun(int exitCode, String stdout, String stderr) {
  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "console-run");
            thread.setDaemon(true);
            return thread;
          });

  private static final ObjectReader JSON_LINE =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

  /** Runs the subscriber with these arguments; fails if it has not returned within the time. */
  static ConsoleRun of(long timeoutSeconds, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Future<Integer> exit = THREADS.submit(() -> ConsoleSubscriber.run(args, outStream, errStream));
    try {
      int code = exit.get(timeoutSeconds, TimeUnit.SECONDS);
      return new ConsoleRun(code, text(out), text(err));
    } catch (TimeoutException e) {
      exit.cancel(true);
      throw new AssertionError(
          "the subscriber did not stop within "
              + timeoutSeconds
              + " s; stdout so far:\n"
              + text(out)
              + "stderr so far:\n"
              + text(err),
          e);
    } catch (ExecutionException e) {
      throw new AssertionError("ConsoleSubscriber.run threw; stderr:\n" + text(err), e.getCause());
    }
  }

  /** Runs the subscriber with at most 10 seconds to finish. */
  static ConsoleRun of(String... args) throws Exception {
    return of(10, args);
  }

  /**
   * Standard output as JSON objects, one a line, after checking that every line is exactly one JSON
   * object. {@code error} lines must carry a non-empty message; it is then removed, because its
   * wording is not part of the contract, so tests compare error lines by kind and readyState.
   */
  List<Map<String, Object>> callbacks() {
    assertThat(stdout).as("standard output ends with a line break").matches("(?s)(.*\n)?");
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : stdout.split("\n", -1)) {
      if (line.isEmpty()) {
        continue; // after the last line break
      }
      Map<String, Object> callback = parse(line);
      if ("error".equals(callback.get("kind"))) {
        Object message = callback.remove("message");
        assertThat(message).as("message in %s", line).isInstanceOf(String.class);
        assertThat((String) message).as("message in %s", line).isNotBlank();
      }
      lines.add(callback);
    }
    return lines;
  }

  /** The {@code open} line: readyState 1. */
  static Map<String, Object> open() {
    return Map.of("kind", "open", "readyState", 1);
  }

  /** An {@code event} line. */
  static Map<String, Object> event(String type, String data, String lastEventId, String origin) {
    return Map.of(
        "kind", "event", "type", type, "data", data, "lastEventId", lastEventId, "origin", origin);
  }

  /** An {@code error} line (without its message): 0 will reconnect, 2 closed. */
  static Map<String, Object> error(int readyState) {
    return Map.of("kind", "error", "readyState", readyState);
  }

  /** The {@code complete} line of a one-shot stream's end: readyState 2. */
  static Map<String, Object> complete() {
    return Map.of("kind", "complete", "readyState", 2);
  }

  /** What went wrong, for assertion descriptions. */
  String describe() {
    return "exit " + exitCode + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
  }

  private static Map<String, Object> parse(String line) {
    try {
      return JSON_LINE.readValue(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not one JSON object: " + line, e);
    }
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
