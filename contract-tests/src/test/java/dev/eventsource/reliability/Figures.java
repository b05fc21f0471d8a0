package dev.eventsource.reliability;

import java.util.Locale;

/** Prints a test's figures on one line, for docs/reliability.md: grep the output for the tag. */
final class Figures {
  static final String TAG = "[reliability]";

  private Figures() {}

  static void print(String test, Adapter adapter, String format, Object... args) {
    System.out.println(
        TAG + " " + test + " " + adapter + ": " + String.format(Locale.ROOT, format, args));
  }
}
