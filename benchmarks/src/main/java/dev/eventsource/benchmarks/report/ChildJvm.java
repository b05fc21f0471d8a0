package dev.eventsource.benchmarks.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs a main class of this jar in a fresh JVM, so that one library's threads, heap and JIT state
 * never touch another's, and reads back its {@code RESULT key=value ...} line.
 */
final class ChildJvm {
  private ChildJvm() {}

  static List<String> command(List<String> jvmArgs, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Runs the class and returns its result line's pairs; its other output is passed through.
   *
   * @throws IOException if it cannot start, fails, times out or prints no result
   */
  static Map<String, String> run(
      List<String> jvmArgs, Class<?> main, List<String> args, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command(jvmArgs, main, args))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                  System.out.println("  | timed out after " + timeoutSeconds + " s; stopping it");
                  process.destroyForcibly();
                }
              } catch (InterruptedException e) {
                process.destroyForcibly();
              }
            },
            "child-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    @Nullable Map<String, String> result = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("RESULT ")) {
          result = pairs(line.substring("RESULT ".length()));
        } else {
          System.out.println("  | " + line);
        }
      }
    }
    process.waitFor();
    if (result == null) {
      throw new IOException(main.getSimpleName() + " " + args + " printed no result");
    }
    return result;
  }

  static Map<String, String> pairs(String line) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : line.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return pairs;
  }
}
