package dev.eventsource.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console subscriber as a separate process, the way a user runs it: {@code main}, the real
 * {@code System.exit}, the platform's standard output. It runs from this test's class path (the
 * self-contained jar is only built in the {@code package} phase, after the tests); the jar itself
 * is also tried when a previous build left it.
 */
class ConsoleJarTest {
  private static final String MAIN = "dev.eventsource.samples.ConsoleSubscriber";

  @TempDir Path dir;

  @Test
  void withoutUrlSubscribesToTheDemoFeedAndStopsAtThe204() throws Exception {
    Result result = java(30, env -> {}, "-cp", classPath(), MAIN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).contains("demo feed at http://127.0.0.1:");
    for (int id = 1; id <= DemoFeed.EVENT_COUNT; id++) {
      assertThat(result.stdout())
          .as(result.describe())
          .containsOnlyOnce(" id=\"" + id + "\" data=\"");
    }
    assertThat(result.stdout())
        .contains("event message id=\"1\" data=\"event 1\"")
        .contains("event update id=\"4\" data=\"{\\\"line\\\": 1}\\nevent 4\"")
        .contains("event tick id=\"9\" data=\"event 9\"")
        .contains("open", "comment \" heartbeat\"", "reconnecting; reconnection time 1000 ms")
        .contains("with Last-Event-ID " + DemoFeed.DROP_AFTER)
        .contains("204")
        .endsWith("closed for good" + System.lineSeparator());
  }

  @Test
  void badUsageExitsTwoThroughSystemExit() throws Exception {
    Result result = java(15, env -> {}, "-cp", classPath(), MAIN, "--max-events", "0");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.stderr()).contains("--max-events must be at least 1", "Usage:");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void jsonKeepsEveryCharacterUnderAnAsciiLocale() throws Exception {
    String data = "caf\u00e9 \u20ac \ud83d\ude00 nul\u0000";
    try (LocalServer server = new LocalServer()) {
      server.enqueue(exchange -> exchange.startStream().chunk("data: " + data + "\n\n").end());
      Result result =
          java(
              15,
              env -> {
                env.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
                env.put("LC_ALL", "C");
              },
              "-cp",
              classPath(),
              MAIN,
              "--json",
              "--max-errors",
              "1",
              server.url("/s"));

      assertThat(result.exitCode()).as(result.describe()).isZero();
      ConsoleRun lines = new ConsoleRun(result.exitCode(), result.stdout(), result.stderr());
      assertThat(lines.callbacks())
          .containsExactly(
              ConsoleRun.open(),
              ConsoleRun.event("message", data, "", server.origin()),
              ConsoleRun.error(0));
    }
  }

  @Test
  void theSelfContainedJarRunsOnItsOwn() throws Exception {
    Path jar = Paths.get("target", "eventsource-console.jar");
    Assumptions.assumeTrue(Files.isRegularFile(jar), "no jar yet: it is built after the tests");

    Result result = java(15, env -> {}, "-jar", jar.toString(), "--help");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).startsWith("Usage: eventsource-console").contains("--transport");
  }

  /** The class path of this test run, which holds the samples and all their dependencies. */
  private static String classPath() {
    return System.getProperty("java.class.path");
  }

  private Result java(long timeoutSeconds, Consumer<Map<String, String>> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    File out = dir.resolve("stdout").toFile();
    File err = dir.resolve("stderr").toFile();
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
    env.accept(builder.environment());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    try {
      boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      assertThat(exited)
          .as("%s exited within %d s; stdout:%n%s", command, timeoutSeconds, read(out))
          .isTrue();
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      process.destroyForcibly();
    }
  }

  private static String read(File file) throws Exception {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }

  /** What a process left. */
  record Result(int exitCode, String stdout, String stderr) {
    String describe() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
    }
  }
}
