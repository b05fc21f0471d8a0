package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two sample programs run to completion against a demo feed (5 ms between events) and print
 * what their listeners saw. Their standard output is captured for the run.
 */
class ExamplesTest {
  private DemoFeed feed;

  @BeforeEach
  void startFeed() throws Exception {
    feed = DemoFeed.start(0, 5);
  }

  @AfterEach
  void stopFeed() {
    feed.close();
  }

  @Test
  void okHttpExampleFollowsTheFeedAcrossTheDropToThe204() throws Exception {
    String out = runMain(() -> OkHttpExample.main(new String[] {feed.url().toString()}));

    assertThat(out)
        .startsWith("connected" + System.lineSeparator())
        .contains("message: event 1", "tick #3", "tick #6", "tick #9", "message: event 10")
        .contains("will resume")
        .endsWith("server said 204: done" + System.lineSeparator());
    assertThat(out.split("message: event 1" + System.lineSeparator(), -1)).hasSize(2);
  }

  @Test
  void jdkExampleClosesItselfAfterEightEvents() throws Exception {
    String out = runMain(() -> JdkExample.main(new String[] {feed.url().toString()}));

    assertThat(out)
        .contains("message 1: event 1", "tick 3: event 3", "update 4: {\"line\": 1}\nevent 4")
        .contains("CONNECTING after") // the drop after event 5, resumed
        .contains("message 7: event 7")
        .endsWith("update 8: {\"line\": 1}\nevent 8" + System.lineSeparator())
        .doesNotContain("tick 9");
  }

  /** Example code that may throw. */
  interface Main {
    void run() throws Exception;
  }

  /** Runs a main method with standard output captured; fails after 20 seconds. */
  private static String runMain(Main main) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    ExecutorService thread = Executors.newSingleThreadExecutor();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Future<?> done =
          thread.submit(
              () -> {
                main.run();
                return null;
              });
      done.get(20, TimeUnit.SECONDS);
    } finally {
      System.setOut(original);
      thread.shutdownNow();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
