package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  private final List<String> log = new ArrayList<>();

  /** A resource that counts its closes and appends its name to the log. */
  private final class Counting implements AutoCloseable {
    final String name;
    final AtomicInteger closes = new AtomicInteger();

    Counting(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      synchronized (log) {
        log.add(name);
      }
    }
  }

  @Test
  void closesEachResourceOnceInReverseOrderOfOpeningHoweverOftenItIsClosed() throws Exception {
    Resources r = new Resources();
    Counting a = new Counting("a");
    Counting b = new Counting("b");
    Counting c = new Counting("c");
    r.opened("a", a);
    r.opened("b", b);
    r.opened("c", c);
    Thread hook = new Thread(r::close);
    hook.start();
    r.close();
    hook.join();
    r.close();
    assertThat(log).containsExactly("c", "b", "a");
    assertThat(List.of(a.closes.get(), b.closes.get(), c.closes.get())).containsExactly(1, 1, 1);
    assertThat(r.closed()).containsExactly("c", "b", "a");
  }

  @Test
  void aFailingCloseDoesNotStopTheOthersAndIsAttachedToAStartFailure() {
    Resources r = new Resources();
    Counting a = new Counting("a");
    r.opened("a", a);
    r.opened("broken", () -> {
      throw new IllegalStateException("cannot close");
    });
    RuntimeException start = new RuntimeException("start failed");
    r.closeAfter(start);
    assertThat(a.closes.get()).isEqualTo(1);
    assertThat(start.getSuppressed()).hasSize(1);
    assertThat(start.getSuppressed()[0]).hasMessage("cannot close");
    assertThat(r.closed()).containsExactly("broken", "a");
  }

  @Test
  void aResourceOpenedAfterCloseIsClosedAtOnce() {
    Resources r = new Resources();
    r.close();
    Counting late = new Counting("late");
    assertThatThrownBy(() -> r.opened("late", late)).isInstanceOf(IllegalStateException.class);
    assertThat(late.closes.get()).isEqualTo(1);
  }
}
