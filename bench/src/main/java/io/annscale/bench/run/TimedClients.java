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
 * Concurrent clients cycling through a query set: every query runs at least once, and the clients go on until a
 * minimum time has passed. Each query's latency is recorded (microseconds); QPS is completed queries over wall time.
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
    AtomicLong next = new AtomicLong();
    long deadline = System.nanoTime() + (long) (minSeconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Histogram>> clients = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int t = 0; t < threads; t++) {
        clients.add(
            pool.submit(
                () -> {
                  Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
                  long i;
                  while ((i = next.getAndIncrement()) < queryCount || System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    search.run((int) (i % queryCount));
                    histogram.recordValue(Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - t0) / 1000));
                  }
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
