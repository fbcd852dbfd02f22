package io.annscale.codec.pq;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.lucene.search.TaskExecutor;
import org.junit.Test;

public class RangeWorkersTest {
  @Test
  public void rangesCoverEveryItemOnceAndSplitWhenLargeEnough() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      RangeWorkers workers = RangeWorkers.on(new TaskExecutor(pool), 3);
      for (int n : new int[] {0, 1, 255, 1_000, 10_001}) {
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        AtomicInteger ranges = new AtomicInteger();
        workers.run(
            n,
            (from, to) -> {
              ranges.incrementAndGet();
              for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
              }
            });
        for (int i = 0; i < n; i++) {
          assertEquals("n=" + n + " item " + i, 1, seen.get(i));
        }
        // small loops stay on one range: the hand-off would cost more than the work
        assertEquals("n=" + n, n >= 768 ? 3 : 1, ranges.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  public void withoutAnExecutorEverythingRunsOnTheCaller() {
    assertSame(RangeWorkers.CALLER, RangeWorkers.on(null, 4));
    assertThrows(IllegalArgumentException.class, () -> RangeWorkers.on(null, 0));
  }

  @Test
  public void aFailingRangeFailsTheRun() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      RangeWorkers workers = RangeWorkers.on(new TaskExecutor(pool), 2);
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  workers.run(
                      1_000,
                      (from, to) -> {
                        if (from > 0) {
                          throw new IOException("range " + from + ".." + to);
                        }
                      }));
      assertEquals("range 500..1000", e.getMessage());
    } finally {
      pool.shutdown();
    }
  }
}
