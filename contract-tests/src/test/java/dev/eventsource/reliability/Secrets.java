package dev.eventsource.reliability;

import dev.eventsource.EventSource;
import dev.eventsource.testing.RecordingListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Credentials that every source of the suite sends, and a scan for them: no error any listener of
 * the suite receives, and no {@code toString()} of a source, may contain one of them. The scan
 * reads each error's whole printed stack trace, so causes and suppressed exceptions count too.
 */
final class Secrets {
  static final String TOKEN = "tok-7Hq2-SECRET-vR9x";
  static final String COOKIE = "ck-3Zp8-SECRET-wL1m";
  static final String API_KEY = "key-9Fd4-SECRET-kT6s";
  static final String API_KEY_HEADER = "X-Api-Key";

  private static final String[] ALL = {TOKEN, COOKIE, API_KEY};
  private static final AtomicLong SCANNED = new AtomicLong();
  private static final List<String> LEAKS = new ArrayList<>();

  private Secrets() {}

  /** Adds the credentials: {@code Authorization}, {@code Cookie} and a custom sensitive header. */
  static EventSource.Builder addTo(EventSource.Builder builder) {
    return builder
        .header("Authorization", "Bearer " + TOKEN)
        .header("Cookie", "session=" + COOKIE)
        .header(API_KEY_HEADER, API_KEY)
        .sensitiveHeader(API_KEY_HEADER);
  }

  /**
   * A recording listener that scans every error, and the source's {@code toString()} when it
   * reports one, before the test can see the error.
   */
  static RecordingListener recorder() {
    return new RecordingListener()
        .checkEachError(
            (source, error) -> {
              scan(error);
              scan("EventSource.toString()", source.toString());
            });
  }

  /** Records a leak if the error, its causes or suppressed exceptions mention a secret. */
  static void scan(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    scan("error " + error.getClass().getName(), text + "\n" + error);
  }

  /** Records a leak if the text mentions a secret. */
  static void scan(String what, String text) {
    SCANNED.incrementAndGet();
    for (String secret : ALL) {
      if (text.contains(secret)) {
        synchronized (LEAKS) {
          LEAKS.add(what + " contains a secret: " + text);
        }
      }
    }
  }

  /** How many texts were scanned since the JVM started. */
  static long scanned() {
    return SCANNED.get();
  }

  /** Leaks found since the JVM started. */
  static List<String> leaks() {
    synchronized (LEAKS) {
      return new ArrayList<>(LEAKS);
    }
  }
}
