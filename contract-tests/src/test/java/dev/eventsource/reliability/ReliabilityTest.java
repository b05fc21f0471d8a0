package dev.eventsource.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsource.EventSource;
import dev.eventsource.RetryPolicy;
import dev.eventsource.testing.RawServer;
import dev.eventsource.testing.RecordingListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every reliability test shares: raw servers and sources that are closed after the test, and
 * checks made after it. Each test runs once per {@link Adapter}.
 *
 * <p>After each test: every source is closed; every server must then see each connection it still
 * held closed by the client within 5 s (no socket left behind), its handlers must not have failed,
 * no listener may have overlapped another of its source, no thread may have died of an uncaught
 * exception, and no secret may have reached an error, a {@code toString()} (of sources and of every
 * request they make) or a log record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ReliabilityTest {
  /** How long a test waits for something that must happen. */
  static final long WAIT_MILLIS = 10_000;

  /**
   * The least backed-off delay: jitter takes at most half off the first doubling from the 100 ms
   * floor ({@code RetryPolicy}'s Javadoc), so a gap this long between requests is backoff.
   */
  static final long BACKOFF_STEP_MILLIS = 100;

  private final List<EventSource> sources = new ArrayList<>();
  private final List<RawServer> servers = new ArrayList<>();
  private final List<RecordingListener> recorders = new ArrayList<>();
  private final List<String> uncaught = Collections.synchronizedList(new ArrayList<>());
  private Thread.UncaughtExceptionHandler previousHandler;
  private int leaksBefore;

  /** Every java.util.logging record (OkHttp logs there; the core logs nothing), scanned. */
  private final Handler logScanner =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          Secrets.scan("log record", record.getLoggerName() + " " + record.getMessage());
          if (record.getThrown() != null) {
            Secrets.scan(record.getThrown());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  final void watchUncaughtExceptionsAndLogs() {
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> uncaught.add(thread.getName() + ": " + stackTrace(error)));
    leaksBefore = Secrets.leaks().size();
    Logger.getLogger("").addHandler(logScanner);
  }

  @AfterEach
  final void closeAndCheck() throws Exception {
    List<String> problems = new ArrayList<>();
    try {
      sources.forEach(EventSource::close);
      for (RawServer server : servers) {
        if (!server.isClosed() && !server.awaitNoOpenConnections(5_000)) {
          problems.add("connections still open 5 s after the sources closed: " + server);
        }
        server.close();
        server.failures().forEach(e -> problems.add("handler failed: " + stackTrace(e)));
      }
      for (RecordingListener recorder : recorders) {
        if (recorder.overlaps() > 0) {
          problems.add(recorder.overlaps() + " listener calls overlapped another");
        }
      }
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previousHandler);
      Logger.getLogger("").removeHandler(logScanner);
    }
    problems.addAll(uncaught);
    List<String> leaks = Secrets.leaks();
    problems.addAll(leaks.subList(leaksBefore, leaks.size()));
    assertThat(problems).as("problems found after the test").isEmpty();
  }

  @AfterAll
  static void printSecretScans() {
    System.out.println(
        Figures.TAG
            + " secrets: "
            + Secrets.scanned()
            + " error texts and toString()s scanned in this JVM so far, leaks="
            + Secrets.leaks().size());
  }

  /** Starts a server on a free port, closed after the test. */
  final RawServer serve(RawServer.Handler handler) throws Exception {
    return track(RawServer.start(handler));
  }

  /** Registers a server to be checked and closed after the test. */
  final RawServer track(RawServer server) {
    servers.add(server);
    return server;
  }

  /**
   * A source for the URL over the adapter, recorded, sending the {@link Secrets}; each request's
   * {@code toString()} is scanned too.
   */
  final EventSource.Builder builder(Adapter adapter, URI url, RecordingListener recorder) {
    recorders.add(recorder);
    return Secrets.addTo(recorder.attach(EventSource.builder(url, adapter.transport())))
        .requestCustomizer(
            (request, attempt) -> {
              Secrets.scan("TransportRequest.toString()", request.toString());
              return request;
            });
  }

  /** Builds the source, which starts connecting; it is closed after the test. */
  final EventSource open(EventSource.Builder builder) {
    EventSource source = builder.build();
    sources.add(source);
    return source;
  }

  /** Reconnects after exactly this long, without backoff. */
  static RetryPolicy noBackoff(long millis) {
    return RetryPolicy.builder()
        .reconnectionTime(millis, TimeUnit.MILLISECONDS)
        .backoff(false)
        .build();
  }

  static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
