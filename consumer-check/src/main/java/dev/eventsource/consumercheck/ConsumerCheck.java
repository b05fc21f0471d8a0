package dev.eventsource.consumercheck;

import dev.eventsource.samples.DemoFeed;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs each README quick-start block (ReadmeQuickStart, written by run.sh) against the demo feed,
 * and fails unless the block printed the feed's last event: it connected, got events 1 to 5, was
 * dropped, resumed with Last-Event-ID and got the rest.
 */
public final class ConsumerCheck {
  private static final long TIMEOUT_SECONDS = 30;
  private static final BlockingQueue<String> printed = new LinkedBlockingQueue<>();

  public static void main(String[] args) throws Exception {
    PrintStream console = System.out;
    // the blocks print with System.out.println(String); record those lines as well
    System.setOut(
        new PrintStream(console, true, StandardCharsets.UTF_8.name()) {
          @Override
          public void println(String line) {
            super.println(line);
            printed.add(line);
          }
        });
    try (DemoFeed feed = DemoFeed.start(0, 20)) {
      for (int block = 1; block <= ReadmeQuickStart.BLOCKS; block++) {
        console.println("consumer-check: README quick-start block " + block);
        printed.clear();
        ReadmeQuickStart.run(block, feed.url().toString());
      }
    }
    console.println("consumer-check: OK");
    System.exit(0); // OkHttp's idle threads would keep the JVM up for a minute
  }

  /** Stands for the README's "// ...": the app runs until the feed has sent its last event. */
  static void awaitFeedEnd() throws InterruptedException {
    String last = "event " + DemoFeed.EVENT_COUNT;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      String line = printed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line with \"" + last + "\" within " + TIMEOUT_SECONDS + " s");
      }
      if (line.contains(last)) {
        return;
      }
    }
  }
}
