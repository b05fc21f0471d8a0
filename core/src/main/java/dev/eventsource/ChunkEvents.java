package dev.eventsource;

import java.util.ArrayList;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The events and comments one chunk of the stream completed, in stream order: what one dispatch
 * task hands to the listeners. Comments are rare, so they sit apart with the number of events that
 * came before each, and a chunk without any costs nothing for them. Filled by one thread, then read
 * by another after a hand-over through the dispatch queue.
 */
final class ChunkEvents {
  private final ArrayList<MessageEvent> events = new ArrayList<>();
  private @Nullable ArrayList<String> comments;
  private int[] eventsBeforeComment = new int[0];

  void addEvent(MessageEvent event) {
    events.add(event);
  }

  void addComment(String comment) {
    ArrayList<String> all = comments;
    if (all == null) {
      comments = all = new ArrayList<>(2);
    }
    if (all.size() == eventsBeforeComment.length) {
      eventsBeforeComment = Arrays.copyOf(eventsBeforeComment, Math.max(4, all.size() * 2));
    }
    eventsBeforeComment[all.size()] = events.size();
    all.add(comment);
  }

  boolean isEmpty() {
    return events.isEmpty() && comments == null;
  }

  int eventCount() {
    return events.size();
  }

  MessageEvent event(int index) {
    return events.get(index);
  }

  int commentCount() {
    ArrayList<String> all = comments;
    return all == null ? 0 : all.size();
  }

  /** The comment at this index; only for an index below {@link #commentCount()}. */
  String comment(int index) {
    ArrayList<String> all = comments;
    if (all == null) {
      throw new IndexOutOfBoundsException("no comments");
    }
    return all.get(index);
  }

  /** How many of the chunk's events came before the comment at this index. */
  int eventsBeforeComment(int index) {
    return eventsBeforeComment[index];
  }
}
