package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad usage exits 2, says on standard error what was wrong, and writes nothing on standard output;
 * {@code --help} exits 0 with the usage. No server is needed: a bad command line never connects.
 */
class ConsoleUsageTest {
  /** Nothing listens here; the runs below must fail before connecting. */
  private static final String URL = "http://127.0.0.1:9/events";

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        bad("unknown option", "'--nope'", "--nope", URL),
        bad("--max-events not a number", "'x'", "--max-events", "x", URL),
        bad("--max-events 0", "at least 1", "--max-events", "0", URL),
        bad("--max-errors negative", "at least 1", "--max-errors", "-1", URL),
        bad("--transport unknown", "'foo'", "--transport", "foo", URL),
        bad("--header without a colon", "--header must look like", "--header", "bad", URL),
        bad("--header without a name", "--header must look like", "--header", ": v", URL),
        bad("--reconnect-ms negative", "must not be negative", "--reconnect-ms", "-5", URL),
        bad("--read-timeout-ms negative", "must not be negative", "--read-timeout-ms", "-1", URL),
        bad("a non-http URL", "http or https", "ftp://127.0.0.1/events"),
        bad("a relative URL", "http or https", "/events"),
        bad("an http URL without a host", "http or https", "http:events"),
        bad("two URLs", "Unmatched argument", URL, URL),
        bad("--last-event-id with LF", "LF", "--last-event-id", "a\nb", URL),
        bad("--last-event-id with NUL", "NUL", "--last-event-id", "a\u0000b", URL));
  }

  private static Arguments bad(String what, String message, String... args) {
    return Arguments.of(what, message, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandLines")
  void badUsageExitsTwoWithTheReasonOnStandardError(String what, String message, String[] args)
      throws Exception {
    ConsoleRun run = ConsoleRun.of(args);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderr()).as(run.describe()).contains(message);
    assertThat(run.stdout()).as("standard output").isEmpty();
  }

  @Test
  void anUnexpectedFailureExitsOneWithTheReasonOnStandardError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ConsoleRun run = ConsoleRun.of("--serve-demo", Integer.toString(taken.getLocalPort()));

      assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
      assertThat(run.stderr()).contains("BindException");
      assertThat(run.stdout()).isEmpty();
    }
  }

  @Test
  void helpExitsZeroWithTheUsageOfEveryOption() throws Exception {
    ConsoleRun run = ConsoleRun.of("--help");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .startsWith("Usage: eventsource-console")
        .contains(
            "[URL]",
            "--transport",
            "--json",
            "--max-errors",
            "--max-events",
            "--last-event-id",
            "--header",
            "--reconnect-ms",
            "--read-timeout-ms",
            "--help");
    assertThat(run.stderr()).isEmpty();
  }
}
