package dev.eventsource.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A seeded feed of numbered events (ids 1 to n) that a server can resend from any {@code
 * Last-Event-ID}, and the places inside each event where a connection can be cut. The events mix
 * CRLF, LF and CR line endings, one to three data lines with 2-, 3- and 4-byte UTF-8 characters,
 * {@code data:} with and without the space, named and unnamed events, the id before or after the
 * data, and comments.
 */
final class ResumableFeed {
  /** Where inside an event a cut lands. */
  enum Cut {
    /** Inside a field line, between two characters or just before the line's end. */
    MID_LINE,
    /** Between two bytes of one multi-byte UTF-8 character. */
    IN_UTF8,
    /** Between the CR and the LF of a CRLF. */
    CR_LF,
    /** After a complete line of an event that is not complete yet. */
    BETWEEN_LINES,
    /** Right after the blank line that completes an event. */
    AFTER_BLANK_LINE
  }

  /** What a listener must receive for one event. */
  record Expected(String type, String data, String id) {}

  private static final String[] WORDS = {"alpha", "beta", "gamma", "x", "42", "a:b", "tick"};
  private static final String[] WIDE = {"é", "ß", "€", "中", "😀", "𝄞"};

  private final List<Expected> expected = new ArrayList<>();
  private final List<Map<Cut, int[]>> cuts = new ArrayList<>();
  private final int[] starts;
  private final byte[] bytes;

  ResumableFeed(int count, long seed) {
    Random random = new Random(seed);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    starts = new int[count + 1];
    for (int k = 1; k <= count; k++) {
      starts[k - 1] = all.size();
      byte[] event = event(k, random);
      all.write(event, 0, event.length);
    }
    starts[count] = all.size();
    bytes = all.toByteArray();
  }

  int size() {
    return expected.size();
  }

  Expected expected(int index) {
    return expected.get(index);
  }

  /** Every event's bytes, one after the other. */
  byte[] bytes() {
    return bytes;
  }

  /** Where the event at the index starts in {@link #bytes()}. */
  int start(int index) {
    return starts[index];
  }

  /** The index of the first event to send to a client that sends this {@code Last-Event-ID}. */
  int resumeIndex(@Nullable String lastEventId) {
    return lastEventId == null || lastEventId.isEmpty() ? 0 : Integer.parseInt(lastEventId);
  }

  /**
   * Picks a cut of the given kind in one of the next four events from {@code from}: the number of
   * bytes, counted from the start of event {@code from}, to send before cutting. Falls back to the
   * end of an event when no later event has a place of that kind (a CR_LF needs a CRLF event).
   */
  int cutLength(int from, Cut cut, Random random) {
    int first = Math.min(from + random.nextInt(4), size() - 1);
    for (int target = first; target < size(); target++) {
      int[] places = cuts.get(target).get(cut);
      if (places.length > 0) {
        return starts[target] - starts[from] + places[random.nextInt(places.length)];
      }
    }
    return starts[first + 1] - starts[from];
  }

  private byte[] event(int id, Random random) {
    double roll = random.nextDouble();
    String eol = roll < 0.5 ? "\r\n" : roll < 0.8 ? "\n" : "\r";
    List<String> lines = new ArrayList<>();
    if (random.nextInt(5) == 0) {
      lines.add(": ping " + text(random));
    }
    boolean idFirst = random.nextBoolean();
    if (idFirst) {
      lines.add("id: " + id);
    }
    String type = "message";
    if (random.nextInt(10) < 3) {
      type = "tick";
      lines.add("event: tick");
    }
    List<String> data = new ArrayList<>();
    for (int i = random.nextInt(3); i >= 0; i--) {
      String value = text(random);
      data.add(value);
      lines.add((random.nextInt(5) == 0 ? "data:" : "data: ") + value);
    }
    if (!idFirst) {
      lines.add("id: " + id);
    }
    lines.add("");
    expected.add(new Expected(type, String.join("\n", data), String.valueOf(id)));
    return encode(lines, eol);
  }

  /** The lines' UTF-8 bytes, noting the places of each {@link Cut} kind. */
  private byte[] encode(List<String> lines, String eol) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<Cut, List<Integer>> places = new EnumMap<>(Cut.class);
    for (Cut cut : Cut.values()) {
      places.put(cut, new ArrayList<>());
    }
    for (String line : lines) {
      int lineStart = out.size();
      for (int i = 0; i < line.length(); i += Character.charCount(line.codePointAt(i))) {
        byte[] character =
            new String(Character.toChars(line.codePointAt(i))).getBytes(StandardCharsets.UTF_8);
        if (out.size() > lineStart) {
          places.get(Cut.MID_LINE).add(out.size());
        }
        for (int j = 1; j < character.length; j++) {
          places.get(Cut.IN_UTF8).add(out.size() + j);
        }
        out.write(character, 0, character.length);
      }
      if (!line.isEmpty()) {
        places.get(Cut.MID_LINE).add(out.size());
      }
      byte[] end = eol.getBytes(StandardCharsets.US_ASCII);
      out.write(end, 0, end.length);
      if (end.length == 2) {
        places.get(Cut.CR_LF).add(out.size() - 1);
      }
      if (!line.isEmpty()) {
        places.get(Cut.BETWEEN_LINES).add(out.size());
      }
    }
    places.get(Cut.AFTER_BLANK_LINE).add(out.size());
    Map<Cut, int[]> frozen = new EnumMap<>(Cut.class);
    places.forEach((cut, list) -> frozen.put(cut, list.stream().mapToInt(i -> i).toArray()));
    cuts.add(frozen);
    return out.toByteArray();
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(WIDE[random.nextInt(WIDE.length)]);
      if (i > 1) {
        text.append(' ');
      }
    }
    return text.toString();
  }
}
