import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares a module's public API with its committed baseline, or rewrites the baseline.
 *
 * <p>Run by every published module in {@code verify} (the parent POM's {@code api-baseline}
 * execution, as {@code java scripts/ApiBaseline.java CLASSES BASELINE UPDATE}). The API is what
 * {@code javap -protected -constants} prints for the compiled public classes: it reads class files
 * only (no class loading, so no dependency class path) and prints members in class-file order,
 * which javac keeps in source order; its output is the same on JDK 17 and 25.
 */
public final class ApiBaseline {
  static final String UPDATE_COMMAND = "./mvnw -q -DskipTests verify -Dapi.update=true";

  public static void main(String[] args) throws IOException {
    Path classes = Paths.get(args[0]);
    Path baseline = Paths.get(args[1]);
    boolean update = Boolean.parseBoolean(args[2]);
    if (!Files.isDirectory(classes)) {
      return; // packaging pom (the parent): no classes, no API
    }
    String actual = dump(classes);
    if (update) {
      Files.createDirectories(baseline.getParent());
      Files.write(baseline, actual.getBytes(StandardCharsets.UTF_8));
      System.out.println("[api] wrote " + baseline);
      return;
    }
    String expected =
        Files.exists(baseline)
            ? new String(Files.readAllBytes(baseline), StandardCharsets.UTF_8)
            : "";
    if (!Files.exists(baseline) && !actual.isEmpty()) {
      System.err.println("[api] " + baseline + " is missing; make it with " + UPDATE_COMMAND);
      System.exit(1);
    }
    if (!expected.equals(actual)) {
      System.err.println(mismatch(baseline, expected, actual));
      System.exit(1);
    }
  }

  /** The javap listing of every public class, nested ones after their outer class. */
  static String dump(Path classes) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names =
          files
              .map(p -> classes.relativize(p).toString().replace('\\', '/'))
              .filter(p -> p.endsWith(".class") && !p.startsWith("META-INF/"))
              .filter(p -> !p.endsWith("module-info.class"))
              .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
              .sorted()
              .collect(Collectors.toList());
    }
    if (names.isEmpty()) {
      return "";
    }
    List<String> javapArgs = new ArrayList<>(List.of("-protected", "-constants", "-cp"));
    javapArgs.add(classes.toString());
    javapArgs.addAll(names);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        ToolProvider.findFirst("javap")
            .orElseThrow(() -> new IllegalStateException("this JDK has no javap"))
            .run(new PrintWriter(out), new PrintWriter(err), javapArgs.toArray(new String[0]));
    if (status != 0) {
      throw new IllegalStateException("javap failed: " + err);
    }
    return publicBlocks(out.toString(), names.size());
  }

  /**
   * Keeps the blocks (one per class, in the order given to javap) of classes that are public or
   * protected, and whose enclosing class is kept too: a public class nested in a package-private
   * one is not reachable by name. Drops the "Compiled from" lines.
   */
  static String publicBlocks(String javap, int classCount) {
    StringBuilder result = new StringBuilder();
    Set<String> kept = new HashSet<>();
    List<String> block = new ArrayList<>();
    int blocks = 0;
    for (String line : javap.split("\r?\n", -1)) {
      if (line.startsWith("Compiled from ")) {
        continue;
      }
      block.add(line);
      if (line.equals("}")) {
        blocks++;
        if (isApi(block.get(0), kept)) {
          result.append(String.join("\n", block)).append("\n\n");
        }
        block.clear();
      }
    }
    if (blocks != classCount) {
      throw new IllegalStateException(
          "javap printed " + blocks + " classes for " + classCount + " class files");
    }
    return result.toString();
  }

  static boolean isApi(String header, Set<String> kept) {
    if (!header.startsWith("public ") && !header.startsWith("protected ")) {
      return false;
    }
    String name = className(header);
    int dollar = name.lastIndexOf('$');
    if (dollar >= 0 && !kept.contains(name.substring(0, dollar))) {
      return false;
    }
    kept.add(name);
    return true;
  }

  /** "public final class a.B$C extends ..." gives "a.B$C". */
  static String className(String header) {
    String[] words = header.split(" ");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("class") || words[i].equals("interface") || words[i].equals("enum")) {
        String name = words[i + 1];
        int generic = name.indexOf('<');
        return generic < 0 ? name : name.substring(0, generic);
      }
    }
    throw new IllegalStateException("no class name in javap header: " + header);
  }

  /** The lines only in the baseline (-) and only in the classes (+), each under its class. */
  static String mismatch(Path baseline, String expected, String actual) {
    String[] a = expected.split("\n");
    String[] b = actual.split("\n");
    // longest common subsequence table, from the end
    int[][] common = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        common[i][j] =
            a[i].equals(b[j])
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    StringBuilder message = new StringBuilder();
    message.append("[api] The public API differs from ").append(baseline).append(":\n");
    String header = "";
    String shownHeader = "";
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      boolean same = i < a.length && j < b.length && a[i].equals(b[j]);
      // not in both: drop a baseline line (-) while that keeps the longest common part
      boolean takeA =
          !same
              && (j == b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1]));
      String line = same || takeA ? a[i] : b[j];
      if (line.endsWith("{")) {
        header = line;
      }
      if (!same) {
        if (!header.equals(shownHeader) && !line.equals(header)) {
          message.append("    ").append(header).append('\n');
        }
        shownHeader = header;
        message.append(takeA ? "  - " : "  + ").append(line).append('\n');
      }
      if (same || takeA) {
        i++;
      }
      if (same || !takeA) {
        j++;
      }
    }
    return message
        .append("If the change is intended (see README \"Versioning\"), update the baseline and")
        .append(" commit it with the change:\n    ")
        .append(UPDATE_COMMAND)
        .toString();
  }
}
