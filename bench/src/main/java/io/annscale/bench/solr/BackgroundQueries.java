package io.annscale.bench.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Clients that query without pause while something else happens (ingestion, a migration), counting
 * answers and failures and recording latency, until stopped.
 */
final class BackgroundQueries implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong shortAnswers = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final Histogram latencyMicros = new Histogram(60_000_000L, 3);

  /** Latency since the last {@link #takeInterval}; guarded by {@link #latencyMicros}. */
  private final Histogram intervalMicros = new Histogram(60_000_000L, 3);

  private long intervalStartNanos = System.nanoTime();
  private long answeredAtInterval;
  private long failedAtInterval;
  private final List<Thread> clients = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private double seconds;

  BackgroundQueries(int clientCount, SolrQueries queries, float[][] vectors, int fanout, int k) {
    this(clientCount, queries, vectors, fanout, k, false);
  }

  /**
   * @param retryOnce send a failed query once more before counting it failed, as a client of a
   *     cluster losing a node would (a query in flight when its replica stops fails); retries are
   *     counted
   */
  BackgroundQueries(
      int clientCount,
      SolrQueries queries,
      float[][] vectors,
      int fanout,
      int k,
      boolean retryOnce) {
    for (int c = 0; c < clientCount; c++) {
      int first = c;
      Thread client =
          new Thread(
              () -> {
                for (int q = first; running.get(); q += clientCount) {
                  long t0 = System.nanoTime();
                  try {
                    int hits;
                    try {
                      hits = queries.search(vectors[q % vectors.length], fanout, k).length;
                    } catch (Exception failure) {
                      if (!retryOnce) {
                        throw failure;
                      }
                      retried.incrementAndGet();
                      hits = queries.search(vectors[q % vectors.length], fanout, k).length;
                    }
                    answered.incrementAndGet();
                    if (hits < k) {
                      shortAnswers.incrementAndGet();
                    }
                    long micros = Math.min(60_000_000L, (System.nanoTime() - t0) / 1000);
                    synchronized (latencyMicros) {
                      latencyMicros.recordValue(micros);
                      intervalMicros.recordValue(micros);
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                  }
                }
              },
              "bench-background-query-" + c);
      client.setDaemon(true);
      client.start();
      clients.add(client);
    }
  }

  long answered() {
    return answered.get();
  }

  long failed() {
    return failed.get();
  }

  /** Answers with fewer than k hits: expected while a collection holds fewer, else results lost. */
  long shortAnswers() {
    return shortAnswers.get();
  }

  /** Queries sent a second time after a failure (with {@code retryOnce}). */
  long retried() {
    return retried.get();
  }

  double qps() {
    return seconds > 0 ? answered.get() / seconds : 0;
  }

  long percentileMicros(double percentile) {
    synchronized (latencyMicros) {
      return latencyMicros.getTotalCount() == 0
          ? 0
          : latencyMicros.getValueAtPercentile(percentile);
    }
  }

  /**
   * What the clients did since the last call (or since they started): queries answered and failed,
   * answers per second, and latency percentiles.
   */
  record Interval(
      double seconds, long answered, long failed, double qps, long p50Micros, long p99Micros) {}

  /** The interval since the last call, starting the next. */
  Interval takeInterval() {
    synchronized (latencyMicros) {
      long now = System.nanoTime();
      long answeredNow = answered.get();
      long failedNow = failed.get();
      double seconds = (now - intervalStartNanos) / 1e9;
      long answeredIn = answeredNow - answeredAtInterval;
      boolean any = intervalMicros.getTotalCount() > 0;
      Interval interval =
          new Interval(
              seconds,
              answeredIn,
              failedNow - failedAtInterval,
              seconds > 0 ? answeredIn / seconds : 0,
              any ? intervalMicros.getValueAtPercentile(50) : 0,
              any ? intervalMicros.getValueAtPercentile(99) : 0);
      intervalMicros.reset();
      intervalStartNanos = now;
      answeredAtInterval = answeredNow;
      failedAtInterval = failedNow;
      return interval;
    }
  }

  /** Stops the clients and waits for their last query. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join();
    }
    seconds = (System.nanoTime() - startNanos) / 1e9;
  }
}
