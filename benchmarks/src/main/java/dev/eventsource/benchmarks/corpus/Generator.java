package dev.eventsource.benchmarks.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** Writes events as {@code text/event-stream} bytes and counts what a parser must report. */
final class Generator {
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
  private final String eol;
  private int events;
  private long dataChars;
  private long stringBytes;
  private String lastId = "";

  Generator(String eol) {
    this.eol = eol;
  }

  long size() {
    return out.size();
  }

  void event(@Nullable String type, @Nullable String id, String... dataLines) {
    StringBuilder sb = new StringBuilder();
    if (type != null) {
      sb.append("event: ").append(type).append(eol);
    }
    if (id != null) {
      sb.append("id: ").append(id).append(eol);
      if (!id.equals(lastId)) {
        stringBytes += stringSize(id);
        lastId = id;
      }
    }
    for (String line : dataLines) {
      sb.append("data: ").append(line).append(eol);
    }
    sb.append(eol);
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    String data = String.join("\n", dataLines);
    events++;
    dataChars += data.length();
    stringBytes += stringSize(data);
  }

  Corpus toCorpus(Workload workload) {
    return new Corpus(workload, out.toByteArray(), events, dataChars, stringBytes);
  }

  static String alphanumeric(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  static int utf8Length(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The heap a new {@code String} of this content takes on a 64-bit JVM with compressed oops and
   * compact strings (the defaults below 32 GiB of heap): a 24-byte object and its byte array (16
   * bytes of header, one byte per char for Latin-1 content, two otherwise), each 8-byte aligned.
   */
  static long stringSize(String s) {
    boolean latin1 = true;
    for (int i = 0; i < s.length() && latin1; i++) {
      latin1 = s.charAt(i) <= 0xFF;
    }
    long array = 16L + (latin1 ? s.length() : 2L * s.length());
    return 24 + ((array + 7) & ~7L);
  }
}
