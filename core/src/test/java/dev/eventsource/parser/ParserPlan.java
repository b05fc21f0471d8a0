package dev.eventsource.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link ParserFuzzTest} reads one fuzz input: four header bytes, then the stream. Kept as
 * plain bytes rather than a {@code FuzzedDataProvider} so that a seed is written by hand: the
 * header, then the event stream as text.
 *
 * <pre>
 * byte 0: bits 0-1 the limit: 0 and 1 the default (64 MiB), 2 byte 1 + 1 (1 to 256),
 *         3 (byte 1 + 1) * 16 (16 to 4096); bits 2-3 how chunks are fed: 0 byte[], 1 heap
 *         ByteBuffer, 2 read-only ByteBuffer, 3 direct ByteBuffer
 * byte 1: the limit's parameter
 * byte 2, byte 3: two chunk sizes, each 0 to 15, used in turn (0 is an empty chunk); both 0 means
 *         a single chunk
 * byte 4 on: the stream
 * </pre>
 *
 * <p>A shorter input is read as if padded with zeros.
 */
final class ParserPlan {
  static final int HEADER_LENGTH = 4;

  static final int ARRAY = 0;
  static final int HEAP_BUFFER = 1;
  static final int READ_ONLY_BUFFER = 2;
  static final int DIRECT_BUFFER = 3;

  private final int maxEventSize;
  private final int feeding;
  private final int[] chunkSizes;
  private final byte[] stream;

  private ParserPlan(int maxEventSize, int feeding, int[] chunkSizes, byte[] stream) {
    this.maxEventSize = maxEventSize;
    this.feeding = feeding;
    this.chunkSizes = chunkSizes;
    this.stream = stream;
  }

  static ParserPlan of(byte[] input) {
    byte[] header = Arrays.copyOf(input, HEADER_LENGTH);
    int options = header[0] & 0xFF;
    int parameter = header[1] & 0xFF;
    int maxEventSize;
    switch (options & 3) {
      case 2:
        maxEventSize = parameter + 1;
        break;
      case 3:
        maxEventSize = (parameter + 1) * 16;
        break;
      default:
        maxEventSize = EventStreamParser.DEFAULT_MAX_EVENT_SIZE;
    }
    int[] sizes = {(header[2] & 0xFF) % 16, (header[3] & 0xFF) % 16};
    byte[] stream =
        input.length <= HEADER_LENGTH
            ? new byte[0]
            : Arrays.copyOfRange(input, HEADER_LENGTH, input.length);
    return new ParserPlan(maxEventSize, (options >> 2) & 3, sizes, stream);
  }

  int maxEventSize() {
    return maxEventSize;
  }

  int feeding() {
    return feeding;
  }

  byte[] stream() {
    return stream;
  }

  /** Ascending offsets where chunks end (the last chunk ends at the stream's end). */
  int[] cuts() {
    if (chunkSizes[0] == 0 && chunkSizes[1] == 0) {
      return new int[0];
    }
    List<Integer> cuts = new ArrayList<>();
    int position = chunkSizes[0];
    for (int i = 1; position < stream.length; i++) {
      cuts.add(position);
      position += chunkSizes[i % 2];
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return "limit "
        + maxEventSize
        + ", feeding "
        + feeding
        + ", chunk sizes "
        + Arrays.toString(chunkSizes);
  }
}
