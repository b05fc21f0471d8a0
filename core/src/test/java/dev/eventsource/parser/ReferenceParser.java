package dev.eventsource.parser;

import dev.eventsource.parser.RecordingHandler.Comment;
import dev.eventsource.parser.RecordingHandler.Event;
import dev.eventsource.parser.RecordingHandler.Retry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately naive parser written from the spec text, independent of the real one: it decodes
 * the whole stream first, then works on strings, so it has no chunks, buffers or byte offsets. Its
 * output matches {@code ParserPropertiesTest}'s: the callbacks, then the last event ID.
 */
final class ReferenceParser {
  private ReferenceParser() {}

  /**
   * WHATWG HTML §9.2.6 read literally, on the whole stream already decoded: split lines at CRLF, CR
   * or LF and interpret each line. An unterminated last line is discarded.
   */
  static List<Object> parse(String text) {
    List<Object> out = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    String type = "";
    String id = "";
    String lastEventId = "";
    Matcher lineEnd = Pattern.compile("\r\n|\r|\n").matcher(text);
    for (int start = 0; lineEnd.find(); start = lineEnd.end()) {
      String line = text.substring(start, lineEnd.start());
      if (line.isEmpty()) {
        lastEventId = id;
        if (data.length() > 0) {
          String value = data.substring(0, data.length() - 1);
          out.add(new Event(type.isEmpty() ? "message" : type, value, id));
        }
        data.setLength(0);
        type = "";
      } else if (line.startsWith(":")) {
        out.add(new Comment(line.substring(1)));
      } else {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        value = value.startsWith(" ") ? value.substring(1) : value;
        if (name.equals("data")) {
          data.append(value).append('\n');
        } else if (name.equals("event")) {
          type = value;
        } else if (name.equals("id") && value.indexOf('\0') < 0) {
          id = value;
        } else if (name.equals("retry") && value.matches("[0-9]+")) {
          BigInteger millis = new BigInteger(value).min(BigInteger.valueOf(Long.MAX_VALUE));
          out.add(new Retry(millis.longValue()));
        }
      }
    }
    out.add("lastEventId=" + lastEventId);
    return out;
  }

  /**
   * WHATWG Encoding "UTF-8 decode" of a whole stream, step by step from the standard: strip one
   * BOM, then run the UTF-8 decoder, whose error handling gives one U+FFFD per maximal subpart.
   */
  static String decodeUtf8(byte[] input) {
    boolean bom = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB;
    int i = bom && (input[2] & 0xFF) == 0xBF ? 3 : 0;
    StringBuilder out = new StringBuilder();
    int codePoint = 0;
    int bytesSeen = 0;
    int bytesNeeded = 0;
    int lower = 0x80;
    int upper = 0xBF;
    while (i < input.length) {
      int b = input[i] & 0xFF;
      if (bytesNeeded == 0) {
        i++;
        if (b <= 0x7F) {
          out.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
          bytesNeeded = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          lower = b == 0xE0 ? 0xA0 : lower;
          upper = b == 0xED ? 0x9F : upper;
          bytesNeeded = 2;
          codePoint = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          lower = b == 0xF0 ? 0x90 : lower;
          upper = b == 0xF4 ? 0x8F : upper;
          bytesNeeded = 3;
          codePoint = b & 0x7;
        } else {
          out.append('\uFFFD');
        }
      } else if (b < lower || b > upper) {
        // "Set bytes needed... to 0, ... prepend byte to stream, return error."
        codePoint = bytesNeeded = bytesSeen = 0;
        lower = 0x80;
        upper = 0xBF;
        out.append('\uFFFD');
      } else {
        i++;
        lower = 0x80;
        upper = 0xBF;
        codePoint = (codePoint << 6) | (b & 0x3F);
        if (++bytesSeen == bytesNeeded) {
          out.appendCodePoint(codePoint);
          codePoint = bytesNeeded = bytesSeen = 0;
        }
      }
    }
    return bytesNeeded == 0 ? out.toString() : out.append('\uFFFD').toString();
  }
}
