package io.annscale.bench.cli;

import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr: a live bar on a terminal; in a log (CI, redirected output) one plain line every few
 * seconds instead of a stream of carriage returns.
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
    return builder.build();
  }
}
