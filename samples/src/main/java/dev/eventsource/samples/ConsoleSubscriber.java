package dev.eventsource.samples;

import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import dev.eventsource.ReadyState;
import dev.eventsource.RetryPolicy;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The console subscriber: subscribes to a stream (or, without a URL, to the embedded demo feed) and
 * prints every callback, readable or as JSON lines. Its command line is a fixed contract; see the
 * README.
 */
@Command(
    name = "eventsource-console",
    description = "Subscribes to a Server-sent events stream and prints what arrives.",
    footer = {
      "",
      "With --no-reconnect, the end of the stream prints one last line, then exits 0:",
      "  HH:mm:ss.SSS CLOSED     complete: the stream ended; closed for good",
      "  {\"kind\":\"complete\",\"readyState\":2}          (with --json)"
    })
public final class ConsoleSubscriber implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "URL", description = "the stream (default: demo feed)")
  URI url;

  @Option(names = "--transport", paramLabel = "okhttp|jdk", description = "default: okhttp")
  TransportChoice transport = TransportChoice.okhttp;

  @Option(names = "--json", description = "one JSON object per callback on standard output")
  boolean json;

  @Option(names = "--max-errors", paramLabel = "N", description = "stop at the N-th error")
  Integer maxErrors;

  @Option(names = "--max-events", paramLabel = "N", description = "stop after N events")
  Integer maxEvents;

  @Option(names = "--last-event-id", paramLabel = "ID", description = "initial Last-Event-ID")
  String lastEventId = "";

  @Option(names = "--header", paramLabel = "'Name: value'", description = "extra header")
  List<String> headers = new ArrayList<>();

  @Option(names = "--reconnect-ms", paramLabel = "N", description = "initial reconnection time")
  Long reconnectMillis;

  @Option(names = "--read-timeout-ms", paramLabel = "N", description = "read timeout")
  Long readTimeoutMillis;

  @Option(names = "--method", paramLabel = "M", description = "request method (default GET)")
  String method;

  @Option(
      names = "--body",
      paramLabel = "TEXT",
      description = "request body, sent with --method; type it with --header 'Content-Type: ...'")
  String body;

  @Option(
      names = "--no-reconnect",
      description =
          "one-shot: the end of the stream closes the source for good and exits 0; the request is"
              + " never sent again")
  boolean noReconnect;

  @Option(names = "--serve-demo", paramLabel = "PORT", description = "only run the demo feed")
  Integer serveDemoPort;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help")
  boolean help;

  private final PrintStream out;
  private final PrintStream err;

  ConsoleSubscriber(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The transports the subscriber can use. */
  enum TransportChoice {
    okhttp,
    jdk
  }

  /**
   * Runs the subscriber and exits with its status: 0 normal end, 2 bad usage, 1 anything else.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the subscriber and returns its exit status instead of exiting. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new ConsoleSubscriber(out, err));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          err.println("eventsource-console: " + e);
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    validate();
    if (serveDemoPort != null) {
      return serveDemo(serveDemoPort);
    }
    try (DemoFeed demo = url == null ? DemoFeed.start(0, 400) : null) {
      URI target = demo == null ? url : demo.url();
      if (demo != null) {
        err.println("demo feed at " + target);
      }
      return subscribe(target);
    }
  }

  private int subscribe(URI target) throws InterruptedException {
    Output output = json ? new JsonOutput(out) : new ReadableOutput(out);
    CountDownLatch done = new CountDownLatch(1);
    EventSource.Builder builder = configure(target, output, done);
    try (EventSource source = builder.build()) {
      output.connecting(source);
      done.await();
    }
    out.flush();
    return 0;
  }

  /** The source as the options describe it; a value the library refuses is a usage error. */
  private EventSource.Builder configure(URI target, Output output, CountDownLatch done) {
    AtomicInteger events = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    try {
      EventSource.Builder builder =
          EventSource.builder(target, Transports.create(transport.name()))
              .lastEventId(lastEventId)
              .retryPolicy(retryPolicy())
              .onOpen(output::open)
              .onAnyEvent(
                  (source, event) -> {
                    output.event(source, event);
                    if (maxEvents != null && events.incrementAndGet() >= maxEvents) {
                      source.close();
                      done.countDown();
                    }
                  })
              .onError(
                  (source, error) -> {
                    output.error(source, error);
                    boolean limit = maxErrors != null && errors.incrementAndGet() >= maxErrors;
                    if (limit || source.readyState() == ReadyState.CLOSED) {
                      source.close();
                      done.countDown();
                    }
                  })
              .onComplete(
                  source -> {
                    output.complete(source);
                    done.countDown();
                  })
              .oneShot(noReconnect);
      if (method != null || body != null) {
        builder.method(
            method == null ? "GET" : method,
            body == null ? null : body.getBytes(StandardCharsets.UTF_8));
      }
      if (!json) {
        builder.onComment(output::comment);
      }
      if (readTimeoutMillis != null) {
        builder.readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS);
      }
      for (String header : headers) {
        int colon = header.indexOf(':');
        builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
      }
      return builder;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private RetryPolicy retryPolicy() {
    RetryPolicy.Builder policy = RetryPolicy.builder();
    if (reconnectMillis != null) {
      policy.reconnectionTime(reconnectMillis, TimeUnit.MILLISECONDS);
    }
    return policy.build();
  }

  private int serveDemo(int port) throws Exception {
    try (DemoFeed demo = DemoFeed.start(port, 400)) {
      err.println("demo feed at " + demo.url() + " (Ctrl+C to stop)");
      new CountDownLatch(1).await();
    }
    return 0;
  }

  /** Checks what picocli's types cannot; a ParameterException here exits 2 with its message. */
  private void validate() {
    for (String header : headers) {
      if (header.indexOf(':') <= 0) {
        throw usage("--header must look like 'Name: value', got: " + header);
      }
    }
    if (maxErrors != null && maxErrors < 1 || maxEvents != null && maxEvents < 1) {
      throw usage("--max-errors and --max-events must be at least 1");
    }
    if (reconnectMillis != null && reconnectMillis < 0
        || readTimeoutMillis != null && readTimeoutMillis < 0) {
      throw usage("--reconnect-ms and --read-timeout-ms must not be negative");
    }
    if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw usage("URL must be an absolute http or https URL, got: " + url);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** Renders callbacks. */
  interface Output {
    void connecting(EventSource source);

    void open(EventSource source);

    void event(EventSource source, MessageEvent event);

    void comment(EventSource source, String comment);

    void error(EventSource source, EventSourceException error);

    /** The one-shot stream ended ({@code --no-reconnect}); the source is CLOSED. */
    void complete(EventSource source);
  }
}
