package io.annscale.bench.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads one URL to a file so that an interrupted transfer resumes where it stopped: bytes go to
 * {@code <file>.partial}; the next attempt (a retry, or a later run) asks for the rest with an HTTP
 * {@code Range} request. The file appears under its name only when complete and verified, with a
 * {@code <file>.sha256} sidecar ({@code sha256sum} format); a file with a sidecar is not downloaded
 * again. {@code ftp://} addresses (TEXMEX) are streamed without resume: a failed attempt starts
 * over.
 */
public final class HttpDownloader {
  /** Receives progress; called from the downloading thread. */
  public interface Listener {
    /**
     * @param totalBytes bytes the complete file will have, or -1 when the server does not say
     */
    void started(String name, long totalBytes, long resumedAt);

    void progressed(long bytesSoFar);

    /** An attempt failed and another follows after {@code backoff}. */
    void retrying(String name, int attempt, IOException cause, Duration backoff);

    Listener NONE =
        new Listener() {
          @Override
          public void started(String name, long totalBytes, long resumedAt) {}

          @Override
          public void progressed(long bytesSoFar) {}

          @Override
          public void retrying(String name, int attempt, IOException cause, Duration backoff) {}
        };
  }

  /**
   * Runs on the partial file after the last byte and before verification, e.g. to patch a header.
   */
  public interface Finisher {
    void finish(Path partial) throws IOException;
  }

  private static final int BUFFER_BYTES = 1 << 16;

  private final HttpClient client;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration stallTimeout;

  /**
   * @param maxAttempts attempts per file, >= 1
   * @param firstBackoff wait before the second attempt; doubles after each failure
   * @param stallTimeout an attempt that receives no byte for this long is abandoned (and resumed)
   */
  public HttpDownloader(int maxAttempts, Duration firstBackoff, Duration stallTimeout) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1; maxAttempts=" + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.stallTimeout = stallTimeout;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
  }

  /** Five attempts, 2 s first backoff, 60 s stall timeout. */
  public static HttpDownloader withDefaults() {
    return new HttpDownloader(5, Duration.ofSeconds(2), Duration.ofSeconds(60));
  }

  /** Whether {@code target} was completed and verified by an earlier run. */
  public static boolean isComplete(Path target) {
    return Files.exists(target) && Files.exists(sidecar(target));
  }

  static Path sidecar(Path target) {
    return target.resolveSibling(target.getFileName() + ".sha256");
  }

  static Path partial(Path target) {
    return target.resolveSibling(target.getFileName() + ".partial");
  }

  /**
   * Downloads {@code url} to {@code target} unless it is already complete.
   *
   * @param maxBytes fetch only the first {@code maxBytes} bytes (a prefix), or -1 for the whole
   *     file
   * @param sha256 expected SHA-256 (hex) of the final file, or null to record the computed one only
   * @return the SHA-256 of the file
   */
  public String download(
      URI url, Path target, long maxBytes, String sha256, Finisher finisher, Listener listener)
      throws IOException, InterruptedException {
    if (isComplete(target)) {
      return Sha256.readSidecar(sidecar(target));
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path partial = partial(target);
    IOException last = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        boolean http = url.getScheme().startsWith("http");
        if (http) {
          fetchHttp(url, partial, maxBytes, listener);
        } else {
          fetchStream(url, partial, maxBytes, listener);
        }
        last = null;
        break;
      } catch (IOException e) {
        last = e;
        if (attempt < maxAttempts) {
          listener.retrying(target.getFileName().toString(), attempt, e, backoff);
          Thread.sleep(backoff.toMillis());
          backoff = backoff.multipliedBy(2);
        }
      }
    }
    if (last != null) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s: gave up after %d attempts; %d bytes kept in %s for the next run: %s",
              url,
              maxAttempts,
              Files.exists(partial) ? Files.size(partial) : 0,
              partial,
              last.getMessage()),
          last);
    }
    if (finisher != null) {
      finisher.finish(partial);
    }
    String actual = Sha256.of(partial);
    if (sha256 != null && sha256.equalsIgnoreCase(actual) == false) {
      Files.delete(partial); // wrong bytes cannot be resumed into right ones
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s: SHA-256 %s, expected %s; the download was deleted",
              url,
              actual,
              sha256));
    }
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Sha256.writeSidecar(sidecar(target), actual, target.getFileName().toString());
    return actual;
  }

  private void fetchHttp(URI url, Path partial, long maxBytes, Listener listener)
      throws IOException, InterruptedException {
    long have = Files.exists(partial) ? Files.size(partial) : 0;
    if (maxBytes >= 0 && have > maxBytes) {
      Files.delete(partial);
      have = 0;
    }
    if (maxBytes >= 0 && have == maxBytes) {
      return;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
    if (have > 0 || maxBytes >= 0) {
      request.header(
          "Range", "bytes=" + have + "-" + (maxBytes >= 0 ? Long.toString(maxBytes - 1) : ""));
    }
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status == 416) {
        // nothing left to send from `have`: complete if the server's length agrees, else start over
        long total = totalFromContentRange(response);
        if (total >= 0 && total == have) {
          return;
        }
        Files.deleteIfExists(partial);
        throw new IOException(
            url + ": HTTP 416 for a range from " + have + "; partial file discarded");
      }
      boolean append;
      long total;
      if (status == 206) {
        long start = startFromContentRange(response);
        if (start != have) {
          throw new IOException(
              url + ": asked for bytes from " + have + ", the server sent from " + start);
        }
        append = true;
        long whole = totalFromContentRange(response);
        total = maxBytes >= 0 ? maxBytes : whole;
      } else if (status == 200) {
        append = false; // the server ignored the range: its body starts at byte 0
        have = 0;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        total = maxBytes >= 0 ? maxBytes : length;
      } else {
        throw new IOException(url + ": HTTP " + status);
      }
      listener.started(partial.getFileName().toString(), total, have);
      long limit = maxBytes >= 0 ? maxBytes - have : Long.MAX_VALUE;
      copy(body, partial, append, have, limit, listener);
      if (total >= 0 && Files.size(partial) != total) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s: connection ended at %d of %d bytes",
                url,
                Files.size(partial),
                total));
      }
    }
  }

  private void fetchStream(URI url, Path partial, long maxBytes, Listener listener)
      throws IOException {
    Files.deleteIfExists(partial); // no Range over FTP: every attempt starts from byte 0
    var connection = url.toURL().openConnection();
    connection.setConnectTimeout((int) Duration.ofSeconds(30).toMillis());
    connection.setReadTimeout((int) stallTimeout.toMillis());
    long length = connection.getContentLengthLong();
    listener.started(partial.getFileName().toString(), maxBytes >= 0 ? maxBytes : length, 0);
    try (InputStream in = connection.getInputStream()) {
      copy(in, partial, false, 0, maxBytes >= 0 ? maxBytes : Long.MAX_VALUE, listener);
    }
    if (length >= 0 && maxBytes < 0 && Files.size(partial) != length) {
      throw new IOException(
          url + ": transfer ended at " + Files.size(partial) + " of " + length + " bytes");
    }
  }

  /**
   * Copies at most {@code limit} bytes, closing the stream when none arrives for {@link
   * #stallTimeout} so that a silent connection fails (and is resumed) instead of hanging.
   */
  private void copy(
      InputStream in, Path partial, boolean append, long have, long limit, Listener listener)
      throws IOException {
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "download-stall-watchdog");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(10, stallTimeout.toMillis() / 4);
    boolean[] stalled = {false};
    watchdog.scheduleAtFixedRate(
        () -> {
          if (System.nanoTime() - lastProgress.get() > stallTimeout.toNanos()) {
            stalled[0] = true;
            try {
              in.close();
            } catch (IOException ignored) {
              // closing is how the blocked read is woken; its failure leaves nothing to do
            }
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
    StandardOpenOption mode =
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (OutputStream out =
        Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      long copied = 0;
      while (copied < limit) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        copied += n;
        lastProgress.set(System.nanoTime());
        listener.progressed(have + copied);
      }
    } catch (IOException e) {
      if (stalled[0]) {
        throw new InterruptedIOException(
            "no data for " + stallTimeout.toSeconds() + " s; will resume");
      }
      throw e;
    } finally {
      watchdog.shutdownNow();
    }
    if (stalled[0]) {
      throw new InterruptedIOException(
          "no data for " + stallTimeout.toSeconds() + " s; will resume");
    }
  }

  /** {@code Content-Range: bytes <start>-<end>/<total>}: the start, or -1. */
  private static long startFromContentRange(HttpResponse<?> response) {
    String range = response.headers().firstValue("Content-Range").orElse("");
    int space = range.indexOf(' ');
    int dash = range.indexOf('-');
    if (space < 0 || dash < space) {
      return -1;
    }
    try {
      return Long.parseLong(range.substring(space + 1, dash).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code Content-Range: bytes .../<total>}: the total, or -1 when absent or {@code *}. */
  private static long totalFromContentRange(HttpResponse<?> response) {
    String range = response.headers().firstValue("Content-Range").orElse("");
    int slash = range.lastIndexOf('/');
    if (slash < 0) {
      return -1;
    }
    try {
      return Long.parseLong(range.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
