package dev.eventsource.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parser conformance vectors, {@code shared/conformance/parsing.json}, read in place, never
 * copied. The file is the one named by the system property {@value #PROPERTY} (the parent POM sets
 * it for every module's tests), or else the first {@value #RELATIVE_PATH} found walking up from the
 * working directory.
 *
 * <p>Each vector is a stream cut into chunks, the events it must give, and the reconnection time it
 * must leave; any chunking of the same bytes must give the same result.
 */
public final class ConformanceVectors {
  /** The system property that names the vectors file. */
  public static final String PROPERTY = "eventsource.conformance.vectors";

  /** Where the file is looked for, relative to the working directory and each directory above. */
  public static final String RELATIVE_PATH = "shared/conformance/parsing.json";

  /**
   * One event a vector expects.
   *
   * @param type the event type
   * @param data the data
   * @param lastEventId the last event ID the event carries
   */
  public record Expected(String type, String data, String lastEventId) {}

  /**
   * One vector.
   *
   * @param name a unique name, also its {@code toString()} for parameterized test names
   * @param chunks the stream as a server writes it, one array per write
   * @param expect the events the stream gives, in order
   * @param retry the reconnection time the stream sets last, or null if it sets none
   */
  public record Vector(
      String name, List<byte[]> chunks, List<Expected> expect, @Nullable Long retry) {
    /**
     * The whole stream in one array.
     *
     * @return the chunks, concatenated
     */
    public byte[] input() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.forEach(out::writeBytes);
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private ConformanceVectors() {}

  /**
   * Every vector, in file order.
   *
   * @return the vectors
   * @throws IllegalStateException if the file is not found or a vector is malformed
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<Vector> all() {
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

  /**
   * Whether the vectors file can be found, for a suite that skips them where they are not.
   *
   * @return true if {@link #locate()} would succeed
   */
  public static boolean available() {
    return find() != null;
  }

  /**
   * The vectors file.
   *
   * @return its path
   * @throws IllegalStateException if it is not found
   */
  public static Path locate() {
    Path found = find();
    if (found == null) {
      throw new IllegalStateException(
          "conformance vectors not found: no "
              + RELATIVE_PATH
              + " in "
              + Paths.get("").toAbsolutePath()
              + " or any directory above it, and no -D"
              + PROPERTY
              + "=<file> (expected at ../shared/conformance/parsing.json next to the repository"
              + " root)");
    }
    return found;
  }

  private static @Nullable Path find() {
    String property = System.getProperty(PROPERTY);
    if (property != null && Files.isRegularFile(Paths.get(property))) {
      return Paths.get(property).normalize();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
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
    JsonNode retry = node.get("retry");
    Long retryMillis = null;
    if (retry != null && !retry.isNull()) {
      if (!retry.canConvertToLong()) {
        throw new IllegalStateException("retry of " + node.get("name") + " does not fit a long");
      }
      retryMillis = retry.longValue();
    }
    return new Vector(node.get("name").asText(), chunks, expect, retryMillis);
  }
}
