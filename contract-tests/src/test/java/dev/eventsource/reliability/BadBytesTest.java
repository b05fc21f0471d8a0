package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.StreamEndedException;
import dev.eventsource.UnexpectedResponseException;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invalid UTF-8 and NUL bytes everywhere in a stream: in data, event types, ids, comments, field
 * names and retry values. Each malformed sequence becomes U+FFFD as the WHATWG Encoding standard's
 * UTF-8 decoder does (one per maximal subpart), NUL stays NUL in values, an id holding NUL is
 * ignored, and nothing crashes. The server writes in pieces of 1 to 64 bytes.
 */
class BadBytesTest extends ReliabilityTest {
  static final int EVENTS = 400;

  /** A byte sequence and what the decoder must make of it, followed by an ASCII byte. */
  record Piece(byte[] bytes, String decoded) {
    static Piece of(String hex, String decoded) {
      return new Piece(HexFormat.ofDelimiter(" ").parseHex(hex), decoded);
    }
  }

  static final String R = "\uFFFD";

  private int pieceCount;

  static final List<Piece> PIECES =
      List.of(
          Piece.of("ff", R),
          Piece.of("80", R),
          Piece.of("c0 80", R + R), // C0 never starts a sequence
          Piece.of("e2 82", R), // 3-byte sequence cut short: one maximal subpart
          Piece.of("ed a0 80", R + R + R), // a surrogate
          Piece.of("f4 90 80 80", R + R + R + R), // past U+10FFFF
          Piece.of("f0 9f 98", R), // 4-byte sequence cut short
          Piece.of("e0 80 80", R + R + R), // overlong
          Piece.of("f8 88 80 80 80", R + R + R + R + R), // the old 5-byte form
          Piece.of("00", "\0"),
          Piece.of("00 00", "\0\0"),
          Piece.of("ef bb bf", "\uFEFF"), // a BOM that does not start the stream is kept
          Piece.of("f0 9f 98 80", "\uD83D\uDE00")); // valid, for contrast

  @ParameterizedTest(name = "{0}")
  @EnumSource(Adapter.class)
  void invalidUtf8AndNulBecomeReplacementCharactersAndNothingBreaks(Adapter adapter)
      throws Exception {
    Random random = new Random(DropsTest.SEED);
    List<ResumableFeed.Expected> expected = new ArrayList<>();
    byte[] stream = stream(random, expected);
    List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    RawServer server =
        serve(
            exchange -> {
              String lastEventId = exchange.header("Last-Event-ID");
              if (lastEventId != null) {
                lastEventIds.add(lastEventId);
                exchange.respond("204 No Content");
                return;
              }
              exchange.streamHead();
              Random pieces = new Random(DropsTest.SEED);
              for (int i = 0; i < stream.length; ) {
                int n = Math.min(stream.length - i, 1 + pieces.nextInt(64));
                exchange.write(stream, i, n);
                i += n;
              }
            });
    RecordingListener recorder = Secrets.recorder();
    EventSource source =
        open(builder(adapter, server.uri("/bad"), recorder).retryPolicy(noBackoff(0)));

    recorder.next(RecordingListener.Kind.OPEN, 10_000);
    List<ResumableFeed.Expected> received = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      MessageEvent event = recorder.takeMessage(WAIT_MILLIS);
      received.add(new ResumableFeed.Expected(event.type(), event.data(), event.lastEventId()));
    }
    assertThat(received).isEqualTo(expected);
    assertThat(recorder.takeError(ReadyState.CONNECTING, WAIT_MILLIS))
        .isInstanceOf(StreamEndedException.class);
    assertThat(recorder.takeError(ReadyState.CLOSED, WAIT_MILLIS))
        .isInstanceOf(UnexpectedResponseException.class);
    assertThat(source.reconnectionTimeMillis()).as("retry values with NUL ignored").isZero();
    assertThat(source.lastEventId()).isEqualTo(EVENTS + R);
    byte[] sent = lastEventIds.get(0).getBytes(StandardCharsets.ISO_8859_1);
    Figures.print(
        "bad-bytes",
        adapter,
        "%d events, %d bytes, %d malformed sequences and NULs checked; Last-Event-ID \"%d\\uFFFD\""
            + " went out as bytes %s",
        EVENTS,
        stream.length,
        pieceCount,
        EVENTS,
        HexFormat.ofDelimiter(" ").formatHex(sent));
  }

  /** The stream's bytes: a BOM, then the events, with junk lines the parser must skip. */
  private byte[] stream(Random random, List<ResumableFeed.Expected> expected) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
    for (int n = 1; n <= EVENTS; n++) {
      if (random.nextInt(4) == 0) {
        line(out, ": ", junk(random, new StringBuilder()));
      }
      if (random.nextInt(4) == 0) {
        line(out, "da\0ta: ", junk(random, new StringBuilder())); // a field name with NUL
      }
      if (random.nextInt(4) == 0) {
        line(out, "d", new byte[] {(byte) 0xff}, "ata: ignored".getBytes(StandardCharsets.UTF_8));
      }
      if (random.nextInt(4) == 0) {
        line(out, "\0\0\0", new byte[0]);
      }
      String type = "message";
      if (random.nextInt(3) == 0) {
        StringBuilder decoded = new StringBuilder();
        line(out, "event: t", junk(random, decoded));
        type = "t" + decoded;
      }
      StringBuilder data = new StringBuilder();
      for (int i = random.nextInt(2); i >= 0; i--) {
        line(out, "data: ", junk(random, data));
        data.append('\n');
      }
      data.setLength(data.length() - 1);
      boolean last = n == EVENTS;
      String id = last ? n + R : String.valueOf(n); // the last one ends in an invalid byte
      line(out, "id: " + n, last ? new byte[] {(byte) 0xff} : new byte[0]);
      if (random.nextInt(3) == 0) {
        line(out, "id: 9\0" + n, new byte[0]); // holds NUL: ignored
      }
      if (random.nextInt(4) == 0) {
        line(out, "retry: 1\0" + "00", new byte[0]); // not digits only: ignored
      }
      out.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
      expected.add(new ResumableFeed.Expected(type, data.toString(), id));
    }
    return out.toByteArray();
  }

  /** Up to six pieces, each after an ASCII letter and before "."; appends the decoded text. */
  private byte[] junk(Random random, StringBuilder decoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1 + random.nextInt(6); i > 0; i--) {
      Piece piece = PIECES.get(random.nextInt(PIECES.size()));
      char letter = (char) ('a' + random.nextInt(26));
      out.write(letter);
      decoded.append(letter);
      out.writeBytes(piece.bytes());
      decoded.append(piece.decoded());
      out.write('.');
      decoded.append('.');
      if (piece.decoded().contains(R) || piece.decoded().contains("\0")) {
        pieceCount++;
      }
    }
    return out.toByteArray();
  }

  private static void line(ByteArrayOutputStream out, String start, byte[]... rest) {
    out.writeBytes(start.getBytes(StandardCharsets.UTF_8));
    for (byte[] bytes : rest) {
      out.writeBytes(bytes);
    }
    out.write('\n');
  }
}
