package dev.eventsource.transport;

import java.util.Objects;

/** Validation of header names and values, so user input cannot split or forge a header. */
final class HeaderChecks {
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  private HeaderChecks() {}

  static void checkHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    checkToken(name, "header name");
    checkValue(value, "value of header " + name);
  }

  /** RFC 9110 token: the form of header names and methods. */
  static void checkToken(String token, String what) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || TOKEN_SYMBOLS.indexOf(c) >= 0;
      if (!ok) {
        throw new IllegalArgumentException(
            what + " contains a character not allowed in an HTTP token at index " + i);
      }
    }
  }

  /**
   * Refuses CR, LF and NUL. The message names the position, never the value, which may be secret.
   */
  static void checkValue(String value, String what) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        throw new IllegalArgumentException(
            what + " contains " + (c == '\0' ? "NUL" : c == '\r' ? "CR" : "LF") + " at index " + i);
      }
    }
  }
}
