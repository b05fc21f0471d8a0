package dev.eventsource.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.eventsource.EventSource;
import dev.eventsource.EventSourceException;
import dev.eventsource.MessageEvent;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} output: one JSON object per listener callback, one per line, flushed at once.
 * Jackson does the escaping, so control characters and U+0000 survive exactly. Non-ASCII characters
 * are escaped too, so the lines are pure ASCII and survive a standard output whose charset is not
 * UTF-8 (under the POSIX locale, Java would print them as '?').
 */
final class JsonOutput implements ConsoleSubscriber.Output {
  private final ObjectMapper mapper =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private final PrintStream out;

  JsonOutput(PrintStream out) {
    this.out = out;
  }

  @Override
  public void connecting(EventSource source) {
    // Not a listener callback: nothing is written.
  }

  @Override
  public void open(EventSource source) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "open");
    line.put("readyState", source.readyState().code());
    print(line);
  }

  @Override
  public void event(EventSource source, MessageEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "event");
    line.put("type", event.type());
    line.put("data", event.data());
    line.put("lastEventId", event.lastEventId());
    line.put("origin", event.origin());
    print(line);
  }

  @Override
  public void comment(EventSource source, String comment) {
    // Comments are not written in JSON mode: the format lists open, event and error only.
  }

  @Override
  public void error(EventSource source, EventSourceException error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "error");
    line.put("readyState", source.readyState().code());
    line.put("message", error.getMessage());
    print(line);
  }

  @Override
  public void complete(EventSource source) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "complete");
    line.put("readyState", source.readyState().code());
    print(line);
  }

  private void print(Map<String, Object> line) {
    try {
      out.println(mapper.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
