package io.annscale.bench.cli;

import java.time.Duration;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr: a live bar on a terminal; in a log (CI, redirected output) one plain
 * line every few seconds instead of a stream of carriage returns.
 */
public final class Progress {
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private Progress() {}

  /**
   * @param task what is being done, e.g. {@code "ground truth"}
   * @param total units of work, e.g. base vectors
   * @param unit name of one unit, e.g. {@code "vec"}
   */
  public static ProgressBar start(String task, long total, String unit) {
    return builder(task, total, unit).build();
  }

  /**
   * A bar that appears at the first value it is told and counts from there, so a job resumed part
   * way (a build after its checkpoint) shows this run's speed and time left, not the resumed share
   * as if done in no time.
   */
  public static ResumableBar resumable(String task, long total, String unit) {
    return new ResumableBar(builder(task, total, unit));
  }

  private static ProgressBarBuilder builder(String task, long total, String unit) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .showSpeed()
            .setMaxRenderedLength(100);
    if (System.console() == null) {
      builder
          .setConsumer(new DelegatingProgressBarConsumer(System.err::println))
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis((int) LOG_INTERVAL.toMillis());
    } else {
      builder.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
    }
    return builder;
  }

  /** See {@link #resumable}. */
  public static final class ResumableBar implements LongConsumer, AutoCloseable {
    private final ProgressBarBuilder builder;
    private ProgressBar bar;

    private ResumableBar(ProgressBarBuilder builder) {
      this.builder = builder;
    }

    @Override
    public void accept(long done) {
      if (bar == null) {
        bar = builder.startsFrom(done, Duration.ZERO).build();
      }
      bar.stepTo(done);
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
