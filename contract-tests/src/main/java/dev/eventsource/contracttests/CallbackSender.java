package dev.eventsource.contracttests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventsource.MessageEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Posts one stream's callbacks to the suite: to {@code {callbackUrl}/{n}} with n = 1, 2, 3 … and no
 * gaps (the suite waits for each number in turn), in the order they were handed over, one at a
 * time.
 *
 * <p>A number is assigned and the message queued at once, on the library's listener thread, which
 * therefore never waits for the network; a task on the shared executor drains the queue, holding a
 * thread only while there is something to post. After {@link #close} nothing more is posted.
 */
final class CallbackSender {
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final ObjectMapper json;
  private final Executor executor;
  private final String baseUrl;
  private final String streamName;
  private final Object lock = new Object();

  // Guarded by lock.
  private final ArrayDeque<Callback> queue = new ArrayDeque<>();
  private int lastNumber;
  private boolean draining;
  private boolean posting;
  private boolean closed;

  CallbackSender(
      HttpClient http, ObjectMapper json, Executor executor, URI callbackUrl, String streamName) {
    this.http = http;
    this.json = json;
    this.executor = executor;
    String base = callbackUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.streamName = streamName;
  }

  /** Reports an event: its type, data and last event ID ({@code ""} when there is none). */
  void event(MessageEvent event) {
    ObjectNode message = json.createObjectNode().put("kind", "event");
    message
        .putObject("event")
        .put("type", event.type())
        .put("data", event.data())
        .put("id", event.lastEventId());
    send(message);
  }

  /** Reports a comment line, its text after the colon exactly as the library gave it. */
  void comment(String text) {
    send(json.createObjectNode().put("kind", "comment").put("comment", text));
  }

  /** Reports an error by its human-readable description. */
  void error(String description) {
    send(json.createObjectNode().put("kind", "error").put("error", description));
  }

  /**
   * Stops posting: queued callbacks are dropped and later ones refused. Waits, at most {@code
   * timeoutMillis}, for a post already under way to finish, so that none arrives after this
   * returns.
   */
  void close(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (lock) {
      closed = true;
      queue.clear();
      try {
        long left;
        while (posting && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(ObjectNode message) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      queue.add(new Callback(++lastNumber, message));
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      close(0); // the service is stopping
    }
  }

  /** Posts queued callbacks until the queue is empty; the only place posts happen. */
  private void drain() {
    while (true) {
      Callback next;
      synchronized (lock) {
        posting = false;
        lock.notifyAll();
        next = queue.poll();
        if (next == null) {
          draining = false;
          return;
        }
        posting = true;
      }
      post(next);
    }
  }

  private void post(Callback callback) {
    URI target = URI.create(baseUrl + "/" + callback.number);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(POST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(callback.body)))
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      Log.info(
          "%s: callback %d (%s) answered HTTP %d",
          streamName, callback.number, callback.body.path("kind").asText(), status);
    } catch (JsonProcessingException e) {
      Log.info("%s: callback %d could not be serialized: %s", streamName, callback.number, e);
    } catch (IOException e) {
      Log.info("%s: callback %s failed: %s", streamName, target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One numbered message. */
  private static final class Callback {
    final int number;
    final ObjectNode body;

    Callback(int number, ObjectNode body) {
      this.number = number;
      this.body = body;
    }
  }
}
