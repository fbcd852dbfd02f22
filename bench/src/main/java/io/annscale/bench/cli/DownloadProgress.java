package io.annscale.bench.cli;

import io.annscale.bench.download.HttpDownloader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** One progress bar per downloaded file, and a line for each resume and retry. */
final class DownloadProgress implements HttpDownloader.Listener, AutoCloseable {
  private final PrintWriter out;
  private ProgressBar bar;

  DownloadProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void started(String file, long totalBytes, long resumedAt) {
    close();
    if (resumedAt > 0) {
      out.printf(Locale.ROOT, "download: %s resumes at byte %,d%n", file, resumedAt);
      out.flush();
    }
    bar = Progress.start(file, Math.max(totalBytes, 0), "B");
    bar.stepTo(resumedAt);
  }

  @Override
  public void progressed(long bytesSoFar) {
    if (bar != null) {
      bar.stepTo(bytesSoFar);
    }
  }

  @Override
  public void retrying(String file, int attempt, IOException cause, Duration backoff) {
    close();
    out.printf(
        Locale.ROOT,
        "download: %s attempt %d failed (%s); resuming in %d s%n",
        file,
        attempt,
        cause.getMessage(),
        backoff.toSeconds());
    out.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
