package io.annscale.bench.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Concurrent clients running a query set in a {@link QueryPattern}: closed loop (uniform: every
 * query at least once, then on until a minimum time has passed; zipf: skewed draws) or open loop
 * (burst at a fixed rate). Each query's latency is recorded (microseconds); QPS is completed
 * queries over wall time.
 */
public final class TimedClients {
  static final long MAX_LATENCY_MICROS = 60_000_000L;

  /** One search, by index into the query set. */
  @FunctionalInterface
  public interface Search {
    void run(int query) throws Exception;
  }

  public record Outcome(Histogram latencyMicros, double qps, long queriesRun) {}

  private TimedClients() {}

  public static Outcome run(int queryCount, int threads, double minSeconds, Search search)
      throws IOException, InterruptedException {
    return run(queryCount, threads, minSeconds, QueryPattern.UNIFORM, search);
  }

  /**
   * @param minSeconds closed-loop patterns: measure at least this long; burst: ignored (the burst's
   *     own duration)
   */
  public static Outcome run(
      int queryCount, int threads, double minSeconds, QueryPattern pattern, Search search)
      throws IOException, InterruptedException {
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    if (pattern.kind() == QueryPattern.Kind.BURST) {
      // open loop: query i is due at start + i / rate; latency counts from when it was due
      long total = Math.max(1, Math.round(pattern.ratePerSecond() * pattern.burstSeconds()));
      double intervalNanos = 1e9 / pattern.ratePerSecond();
      return clients(
          threads,
          start,
          histogram -> {
            for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
              long due = start + (long) (i * intervalNanos);
              long wait = due - System.nanoTime();
              if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
              }
              search.run((int) (i % queryCount));
              histogram.recordValue(
                  Math.min(MAX_LATENCY_MICROS, Math.max(0, System.nanoTime() - due) / 1000));
            }
          });
    }
    ZipfSampler zipf =
        pattern.kind() == QueryPattern.Kind.ZIPF
            ? new ZipfSampler(queryCount, pattern.zipfExponent(), 42)
            : null;
    long deadline = start + (long) (minSeconds * 1e9);
    return clients(
        threads,
        start,
        histogram -> {
          java.util.SplittableRandom random =
              new java.util.SplittableRandom(Thread.currentThread().getId());
          long i;
          while ((i = next.getAndIncrement()) < queryCount || System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            search.run(zipf == null ? (int) (i % queryCount) : zipf.next(random));
            histogram.recordValue(Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - t0) / 1000));
          }
        });
  }

  /** One client's loop, recording into its own histogram. */
  @FunctionalInterface
  private interface ClientLoop {
    void run(Histogram histogram) throws Exception;
  }

  /**
   * Runs {@code threads} clients of the loop, merges their latencies, QPS over the wall time since
   * {@code start}.
   */
  private static Outcome clients(int threads, long start, ClientLoop loop)
      throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Histogram>> clients = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        clients.add(
            pool.submit(
                () -> {
                  Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
                  loop.run(histogram);
                  return histogram;
                }));
      }
      Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
      for (Future<Histogram> client : clients) {
        all.add(client.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Outcome(all, all.getTotalCount() / seconds, all.getTotalCount());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
