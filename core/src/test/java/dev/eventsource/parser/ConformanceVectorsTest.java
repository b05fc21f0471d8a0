package dev.eventsource.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventsource.parser.RecordingHandler.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the shared conformance vectors ({@code shared/conformance/parsing.json}, read
 * in place) through the parser under many chunkings: each must give exactly the expected events and
 * final reconnection time.
 *
 * <p>It reads the file itself instead of through {@code
 * dev.eventsource.testing.ConformanceVectors}: {@code eventsource-testing} depends on core, so
 * core's tests cannot depend on it (Maven rejects the cycle).
 */
class ConformanceVectorsTest {
  private static final String VECTORS = "shared/conformance/parsing.json";
  private static final int SPLIT_EVERY_INDEX_BELOW = 2 * 1024;
  private static final int RANDOM_CHUNKINGS = 100;
  private static final String[] MODES = {"array slices", "heap buffers", "direct buffers"};

  /** One case: the stream as chunks, the events it must give and the final retry, if any. */
  record Vector(String name, List<byte[]> chunks, List<Event> expect, @Nullable Long retry) {
    byte[] input() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  /** Feeds a vector's bytes to a parser in one particular way. */
  interface Delivery {
    void into(EventStreamParser parser) throws EventSizeLimitException;
  }

  @Test
  void vectorsAreLoadedWithUniqueNames() throws IOException {
    List<Vector> vectors = loadVectors();

    assertThat(vectors).isNotEmpty();
    assertThat(vectors).extracting(Vector::name).doesNotHaveDuplicates();
  }

  @TestFactory
  Stream<DynamicContainer> everyVectorGivesItsEventsUnderEveryChunking() throws IOException {
    return loadVectors().stream().map(v -> dynamicContainer(v.name(), testsFor(v)));
  }

  private static Stream<DynamicTest> testsFor(Vector vector) {
    byte[] input = vector.input();
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        dynamicTest(
            "chunks as given",
            () ->
                check(
                    vector,
                    "chunks as given",
                    parser -> {
                      for (byte[] chunk : vector.chunks()) {
                        parser.feed(chunk, 0, chunk.length);
                      }
                    })));
    tests.add(
        dynamicTest(
            "whole input at once",
            () -> check(vector, "whole", parser -> parser.feed(input, 0, input.length))));
    tests.add(
        dynamicTest(
            "byte by byte",
            () ->
                check(
                    vector,
                    "byte by byte",
                    parser -> {
                      for (int i = 0; i < input.length; i++) {
                        parser.feed(input, i, 1);
                      }
                    })));
    if (input.length < SPLIT_EVERY_INDEX_BELOW) {
      tests.add(
          dynamicTest(
              "split in two at every index",
              () -> {
                for (int split = 0; split <= input.length; split++) {
                  int at = split;
                  check(vector, "split at " + at, parser -> Feeding.feed(parser, input, at));
                }
              }));
    }
    tests.add(
        dynamicTest(
            RANDOM_CHUNKINGS + " random chunkings",
            () -> {
              long baseSeed = vector.name().hashCode() * 1_000_003L;
              for (int i = 0; i < RANDOM_CHUNKINGS; i++) {
                long seed = baseSeed + i;
                int[] cuts = Feeding.randomCuts(new Random(seed), input.length);
                int mode = i % 3;
                check(
                    vector,
                    "random chunking, seed " + seed + ", " + MODES[mode],
                    parser -> feedRandomly(parser, input, cuts, mode));
              }
            }));
    return tests.stream();
  }

  /** Feeds the chunks as slices of one array, as heap ByteBuffers, or as direct ByteBuffers. */
  private static void feedRandomly(EventStreamParser parser, byte[] input, int[] cuts, int mode)
      throws EventSizeLimitException {
    int start = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int end = i < cuts.length ? cuts[i] : input.length;
      if (mode == 0) {
        parser.feed(input, start, end - start);
      } else if (mode == 1) {
        parser.feed(ByteBuffer.wrap(input, start, end - start));
      } else {
        ByteBuffer direct = ByteBuffer.allocateDirect(end - start);
        direct.put(input, start, end - start).flip();
        parser.feed(direct);
      }
      start = end;
    }
  }

  private static void check(Vector vector, String how, Delivery delivery)
      throws EventSizeLimitException {
    RecordingHandler handler = new RecordingHandler();
    EventStreamParser parser = new EventStreamParser(handler);
    delivery.into(parser);
    parser.end();

    assertThat(handler.events())
        .as("events of %s fed %s", vector.name(), how)
        .containsExactlyElementsOf(vector.expect());
    assertThat(handler.lastRetry())
        .as("final retry of %s fed %s", vector.name(), how)
        .isEqualTo(vector.retry());
  }

  static List<Vector> loadVectors() throws IOException {
    JsonNode root = new ObjectMapper().readTree(locateVectors().toFile());
    List<Vector> vectors = new ArrayList<>();
    for (JsonNode node : root) {
      List<byte[]> chunks = new ArrayList<>();
      node.get("chunks").forEach(chunk -> chunks.add(Base64.getDecoder().decode(chunk.asText())));
      List<Event> expect = new ArrayList<>();
      for (JsonNode event : node.get("expect")) {
        expect.add(
            new Event(
                event.get("type").asText(),
                event.get("data").asText(),
                event.get("lastEventId").asText()));
      }
      JsonNode retry = node.get("retry");
      Long retryMillis = null;
      if (retry != null && !retry.isNull()) {
        assertThat(retry.canConvertToLong())
            .as("retry of %s fits a long", node.get("name"))
            .isTrue();
        retryMillis = retry.longValue();
      }
      vectors.add(new Vector(node.get("name").asText(), chunks, expect, retryMillis));
    }
    return vectors;
  }

  /** Finds {@value #VECTORS} in the working directory or one of its parents. */
  private static Path locateVectors() {
    Path start = Paths.get("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(VECTORS);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return fail(
        "conformance vectors not found: no %s in %s or any parent directory (expected at"
            + " ../shared/conformance/parsing.json next to the repository root)",
        VECTORS, start);
  }
}
