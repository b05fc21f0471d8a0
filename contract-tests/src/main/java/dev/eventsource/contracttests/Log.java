package dev.eventsource.contracttests;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Log lines on standard error, where the suite's runner expects a test service to log. */
final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private Log() {}

  static void info(String format, Object... args) {
    String line =
        TIME.format(LocalTime.now())
            + " ["
            + Thread.currentThread().getName()
            + "] "
            + String.format(format, args);
    System.err.println(line);
  }
}
