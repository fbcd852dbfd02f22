package io.annscale.codec.pq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.lucene.search.TaskExecutor;

/**
 * Splits a loop over {@code [0, n)} into contiguous ranges and runs them on the executor Lucene
 * gives a merge (its intra-merge executor), or on the calling thread where there is none (a flush).
 * Each range writes only its own slots of the caller's arrays, so results do not depend on how many
 * workers ran: the caller folds them in index order afterwards.
 */
public final class RangeWorkers {
  /** Everything on the calling thread. */
  public static final RangeWorkers CALLER = new RangeWorkers(null, 1);

  /** Below this many items per range the hand-off costs more than the range. */
  private static final int MIN_ITEMS_PER_RANGE = 256;

  private final TaskExecutor executor;
  private final int workers;

  private RangeWorkers(TaskExecutor executor, int workers) {
    this.executor = executor;
    this.workers = workers;
  }

  /**
   * @param executor the merge's executor, or null to run on the calling thread
   * @param workers ranges at most, >= 1
   */
  public static RangeWorkers on(TaskExecutor executor, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1; workers=" + workers);
    }
    return executor == null || workers == 1 ? CALLER : new RangeWorkers(executor, workers);
  }

  /** One range of the loop, {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to) throws IOException;
  }

  /** Runs {@code range} over {@code [0, n)}, split into at most {@code workers} ranges. */
  public void run(int n, Range range) throws IOException {
    int ranges = Math.min(workers, Math.max(1, n / MIN_ITEMS_PER_RANGE));
    if (ranges <= 1) {
      range.run(0, n);
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>(ranges);
    for (int r = 0; r < ranges; r++) {
      int from = (int) ((long) n * r / ranges);
      int to = (int) ((long) n * (r + 1) / ranges);
      tasks.add(
          () -> {
            range.run(from, to);
            return null;
          });
    }
    executor.invokeAll(tasks);
  }
}
