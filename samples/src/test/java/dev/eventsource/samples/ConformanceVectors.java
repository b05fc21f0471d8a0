package dev.eventsource.samples;

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

/**
 * The vectors of {@code shared/conformance/parsing.json}, read in place: the file is found by
 * walking up from the working directory ({@code /work/shared} here, {@code ../shared} beside the
 * clone in CI), never copied.
 */
final class ConformanceVectors {
  static final String RELATIVE_PATH = "shared/conformance/parsing.json";

  /** One event a vector expects. */
  record Expected(String type, String data, String lastEventId) {}

  /** One vector: the chunks the server writes and the events they must give, in order. */
  record Vector(String name, List<byte[]> chunks, List<Expected> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  private ConformanceVectors() {}

  /** Every vector, in file order. */
  static List<Vector> all() {
    try {
      List<Vector> vectors = new ArrayList<>();
      for (JsonNode node : new ObjectMapper().readTree(locate().toFile())) {
        vectors.add(toVector(node));
      }
      return vectors;
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

  private static Vector toVector(JsonNode node) {
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
    return new Vector(node.get("name").asText(), chunks, expect);
  }
}
