package dev.eventsource.jdk;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what java.net.http throws into the {@link IOException} the SPI reports. */
final class Failures {
  private Failures() {}

  static IOException asIOException(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException) {
      return (IOException) cause;
    }
    return new IOException("java.net.http failed: " + cause, cause);
  }
}
