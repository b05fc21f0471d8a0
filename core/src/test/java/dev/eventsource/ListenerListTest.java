package dev.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The copy-on-write list behind a source's listeners. */
class ListenerListTest {
  private final ListenerList<String> list = new ListenerList<>();

  @Test
  void keepsTheOrderAddedAndRemovesOnlyTheFirstEqualOne() {
    list.add("a");
    list.add("b");
    list.add("a");
    list.remove("a");
    assertThat(list.snapshot()).containsExactly("b", "a");
    list.remove("missing");
    list.remove(null);
    assertThat(list.snapshot()).containsExactly("b", "a");
    list.remove("b");
    list.remove("a");
    assertThat(list.snapshot()).isEmpty();
  }

  @Test
  void aSnapshotTakenBeforeAChangeIsNotChangedByIt() {
    list.add("a");
    Object[] during = list.snapshot();
    list.add("b");
    list.remove("a");
    assertThat(during).containsExactly("a");
    assertThat(list.snapshot()).containsExactly("b");
  }

  @Test
  void addAllAppendsTheOtherListsListenersInOrder() {
    ListenerList<String> other = new ListenerList<>();
    other.add("x");
    other.add("y");
    list.add("a");
    list.addAll(other);
    list.addAll(new ListenerList<>());
    assertThat(list.snapshot()).containsExactly("a", "x", "y");
    other.add("z");
    assertThat(list.snapshot()).containsExactly("a", "x", "y");
  }
}
