package dev.eventsource.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.parser.RecordingHandler.Callback;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds test inputs and feeds them to parsers in chunks. */
final class Feeding {
  private Feeding() {}

  /** The UTF-8 bytes of {@code text}; {@code "\uFEFF"} gives a byte order mark. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The given byte values, for bytes that are not valid UTF-8. */
  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Feeds all of {@code text} as UTF-8 in one call. */
  static void feed(EventStreamParser parser, String text) throws EventSizeLimitException {
    byte[] bytes = utf8(text);
    parser.feed(bytes, 0, bytes.length);
  }

  /** Feeds {@code input} in chunks that end at the given ascending offsets and at its end. */
  static void feed(EventStreamParser parser, byte[] input, int... cuts)
      throws EventSizeLimitException {
    int start = 0;
    for (int cut : cuts) {
      parser.feed(input, start, cut - start);
      start = cut;
    }
    parser.feed(input, start, input.length - start);
  }

  /** Parses the whole stream with the default limit, cut at {@code cuts}, then ends it. */
  static RecordingHandler parse(byte[] input, int... cuts) throws EventSizeLimitException {
    RecordingHandler handler = new RecordingHandler();
    EventStreamParser parser = new EventStreamParser(handler);
    feed(parser, input, cuts);
    parser.end();
    return handler;
  }

  /**
   * The chunkings every parser input is tried under: whole, byte by byte, and split into two at
   * every index (an empty first or last chunk included), keyed by a description.
   */
  static Map<String, int[]> everyChunking(int length) {
    Map<String, int[]> chunkings = new LinkedHashMap<>();
    chunkings.put("whole", new int[0]);
    int[] everyByte = new int[Math.max(0, length - 1)];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = i + 1;
    }
    chunkings.put("byte by byte", everyByte);
    for (int split = 0; split <= length; split++) {
      chunkings.put("split at " + split, new int[] {split});
    }
    return chunkings;
  }

  /**
   * Random ascending cut offsets: mostly tiny chunks, some mid-sized, a few huge, and now and then
   * an empty one.
   */
  static int[] randomCuts(Random random, int length) {
    List<Integer> cuts = new ArrayList<>();
    int position = 0;
    while (true) {
      int roll = random.nextInt(100);
      int size;
      if (roll < 5) {
        size = 0;
      } else if (roll < 45) {
        size = 1 + random.nextInt(4);
      } else if (roll < 85) {
        size = 1 + random.nextInt(64);
      } else {
        size = 1 + random.nextInt(Math.max(1, length));
      }
      position += size;
      if (position >= length) {
        return cuts.stream().mapToInt(Integer::intValue).toArray();
      }
      cuts.add(position);
    }
  }

  /** Asserts that every chunking of {@code input} gives exactly {@code expected}. */
  static void assertCallbacksUnderEveryChunking(byte[] input, Callback... expected)
      throws EventSizeLimitException {
    for (Map.Entry<String, int[]> chunking : everyChunking(input.length).entrySet()) {
      assertThat(parse(input, chunking.getValue()).callbacks())
          .as("callbacks when fed %s", chunking.getKey())
          .containsExactly(expected);
    }
  }
}
