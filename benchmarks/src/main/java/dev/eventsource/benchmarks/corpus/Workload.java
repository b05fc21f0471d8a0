package dev.eventsource.benchmarks.corpus;

import java.util.Random;

/**
 * The workloads of the benchmark issue, each generated from a fixed seed so every run, every fork
 * and every library sees the same bytes.
 */
public enum Workload {
  /** Small events: {@code id: N}, {@code data: tick N}. */
  A("small events (id + short data)", 8192),
  /** About 1 KiB of JSON per event, {@code event: update}, every fourth event with non-ASCII. */
  B("~1 KiB JSON, event: update, some non-ASCII", 8192),
  /** One data line of 64 KiB per event. */
  C("64 KiB single-line data", 8192),
  /** Twenty {@code data:} lines per event. */
  D("20 data: lines per event", 8192),
  /** Workload B with CRLF line endings. */
  E("B with CRLF", 8192),
  /** One 8 MiB event fed in 16-byte reads: the drip case. */
  F("one 8 MiB event, 16-byte reads", 16),
  /** F at 1 MiB: the reference that shows whether time per byte stays flat as the event grows. */
  F1("one 1 MiB event, 16-byte reads (linearity reference)", 16);

  private static final String[] ASCII_NAMES = {
    "Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"
  };
  private static final String[] OTHER_NAMES = {
    "Zo\u00eb \u00c5ngstr\u00f6m",
    "\u0141ukasz \u017b\u00f3\u0142\u0107",
    "\u6771\u4eac\u30bf\u30ef\u30fc",
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac",
    "na\u00efve caf\u00e9 \u2615",
    "\ud83d\ude00 party"
  };

  private final String description;
  private final int chunkSize;

  Workload(String description, int chunkSize) {
    this.description = description;
    this.chunkSize = chunkSize;
  }

  /**
   * A short description for tables.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * How many bytes one read hands the parser.
   *
   * @return 8192, or 16 for F
   */
  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Generates the corpus. A to E stop at the first event boundary at or past {@code targetMiB}; F
   * and F1 have fixed sizes.
   *
   * @param targetMiB the size of A to E in MiB
   * @return the corpus, always the same for the same arguments
   */
  public Corpus generate(int targetMiB) {
    long target = (long) targetMiB << 20;
    // E is B's events, the same ones, with CRLF line endings.
    Random random = new Random(0x5EED_0000L + (this == E ? B : this).ordinal());
    Generator g = new Generator(this == E ? "\r\n" : "\n");
    switch (this) {
      case A:
        for (int n = 0; g.size() < target; n++) {
          g.event(null, Integer.toString(n), "tick " + n);
        }
        break;
      case B:
      case E:
        for (int n = 0; g.size() < target; n++) {
          g.event("update", Integer.toString(n), json(random, n));
        }
        break;
      case C:
        String filler = Generator.alphanumeric(random, 64 * 1024);
        for (int n = 0; g.size() < target; n++) {
          String prefix = n + ":";
          g.event(null, null, prefix + filler.substring(prefix.length()));
        }
        break;
      case D:
        for (int n = 0; g.size() < target; n++) {
          String[] lines = new String[20];
          for (int row = 0; row < lines.length; row++) {
            lines[row] =
                "{\"row\":"
                    + row
                    + ",\"event\":"
                    + n
                    + ",\"v\":\""
                    + Generator.alphanumeric(random, 24)
                    + "\"}";
          }
          g.event(null, null, lines);
        }
        break;
      case F:
      case F1:
        int size = this == F ? 8 << 20 : 1 << 20;
        g.event(null, null, Generator.alphanumeric(random, size - "data: \n\n".length()));
        break;
    }
    return g.toCorpus(this);
  }

  /** A JSON object of about 1 KiB (UTF-8), like a typical update feed's payload. */
  private static String json(Random random, int n) {
    String name =
        n % 4 == 0
            ? OTHER_NAMES[(n / 4) % OTHER_NAMES.length]
            : ASCII_NAMES[n % ASCII_NAMES.length];
    StringBuilder sb = new StringBuilder(1100);
    sb.append("{\"seq\":").append(n);
    sb.append(",\"ts\":").append(1_700_000_000_000L + 37L * n);
    sb.append(",\"user\":{\"id\":\"u-").append(random.nextInt(1_000_000));
    sb.append("\",\"name\":\"").append(name).append("\"},\"items\":[");
    for (int i = 0; i < 6; i++) {
      sb.append(i == 0 ? "" : ",");
      sb.append("{\"sku\":\"SKU-").append(Generator.alphanumeric(random, 8));
      sb.append("\",\"qty\":").append(random.nextInt(100));
      sb.append(",\"price\":").append(random.nextInt(100_000) / 100.0);
      sb.append(",\"note\":\"").append(Generator.alphanumeric(random, 40)).append("\"}");
    }
    sb.append("],\"pad\":\"");
    int utf8 = Generator.utf8Length(sb);
    sb.append(Generator.alphanumeric(random, Math.max(0, 1000 - utf8)));
    return sb.append("\"}").toString();
  }
}
