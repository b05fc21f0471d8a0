package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull loop on a virtual thread (JDK 21+; the tests compile for 17, so the thread is made by
 * reflection): it waits parked on a {@code java.util.concurrent} lock, never in a monitor, and JFR
 * records no pinned carrier while it waits and reads.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadStreamTest extends EventSourceTestBase {
  @TempDir Path dir;

  @Test
  void virtualThreadWaitsParkedWithoutAMonitorAndPinsNoCarrier() throws Exception {
    List<RecordedEvent> pinned;
    List<String> received;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.VirtualThreadPinned").withThreshold(java.time.Duration.ZERO);
      recording.start();
      EventStream stream = bareBuilder().oneShot(true).stream();
      CompletableFuture<List<String>> loop = new CompletableFuture<>();
      AtomicReference<Thread> consumer = new AtomicReference<>();
      Thread thread =
          startVirtual(
              () -> {
                consumer.set(Thread.currentThread());
                List<String> data = new ArrayList<>();
                try (EventStream events = stream) {
                  for (MessageEvent event : events) {
                    data.add(event.data());
                  }
                  loop.complete(data);
                } catch (Throwable t) {
                  loop.completeExceptionally(t);
                }
              });
      Threads.awaitWaiting(consumer::get);
      assertParkedOnALock(thread.getStackTrace());
      FakeExchange exchange = transport.last().respondOk().body("data: a\n\n");
      exchange.body("data: b\n\n").end();
      received = loop.get(10, TimeUnit.SECONDS);
      recording.stop();
      Path file = dir.resolve("pinning.jfr");
      recording.dump(file);
      pinned = Files.exists(file) ? RecordingFile.readAllEvents(file) : List.of();
    }
    assertThat(received).containsExactly("a", "b");
    assertThat(pinned).as("carriers pinned").isEmpty();
  }

  private static void assertParkedOnALock(StackTraceElement[] stack) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : stack) {
      frames.add(frame.getClassName() + "." + frame.getMethodName());
    }
    assertThat(frames)
        .as("stack of the waiting virtual thread")
        .contains("java.util.concurrent.locks.LockSupport.park");
    assertThat(frames)
        .noneMatch(f -> f.equals("java.lang.Object.wait") || f.equals("java.lang.Object.wait0"));
    assertThat(Arrays.toString(stack)).contains("PullQueue");
  }

  /** {@code Thread.ofVirtual().start(task)}, by reflection. */
  static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    return (Thread) start.invoke(builder, task);
  }
}
