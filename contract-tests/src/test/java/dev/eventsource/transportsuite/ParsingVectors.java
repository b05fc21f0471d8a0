package dev.eventsource.transportsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The conformance vectors of {@code shared/conformance/parsing.json}, read in place: the file is
 * found by walking up from the working directory (the repository, with {@code shared} beside it or
 * above it), never copied.
 */
final class ParsingVectors {
  static final String RELATIVE_PATH = "shared/conformance/parsing.json";

  /** One event the vector expects. */
  record Expected(String type, String data, String lastEventId) {}

  /** One vector: the stream's chunks, the events they give, and the final reconnection time. */
  record Case(String name, List<byte[]> chunks, List<Expected> expect, @Nullable Long retry) {
    @Override
    public String toString() {
      return name;
    }
  }

  private ParsingVectors() {}

  /** Every case, in file order: the source of the parameterized test. */
  static Stream<Case> cases() {
    try {
      JsonNode root = new ObjectMapper().readTree(locate().toFile());
      List<Case> cases = new ArrayList<>();
      for (JsonNode node : root) {
        cases.add(toCase(node));
      }
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path locate() {
    Path start = Paths.get("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no " + RELATIVE_PATH + " in " + start + " or any directory above it");
  }

  private static Case toCase(JsonNode node) {
    List<byte[]> chunks = new ArrayList<>();
    for (JsonNode chunk : node.get("chunks")) {
      chunks.add(Base64.getDecoder().decode(chunk.asText()));
    }
    List<Expected> expect = new ArrayList<>();
    for (JsonNode event : node.get("expect")) {
      expect.add(
          new Expected(
              event.get("type").asText(),
              event.get("data").asText(),
              event.get("lastEventId").asText()));
    }
    JsonNode retry = node.get("retry");
    return new Case(
        node.get("name").asText(),
        chunks,
        expect,
        retry == null || retry.isNull() ? null : retry.asLong());
  }
}
