package io.annscale.bench.truth;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;

/**
 * Exact top-{@code k} by brute force, blocked over queries and base so the base file is streamed
 * once.
 *
 * <p>Cost model: {@code queries x base} kernel calls, each {@code dimension} fused multiply-adds.
 * The base is read in blocks of {@code blockSize} vectors (the only base data on the heap); each
 * thread owns a fixed range of queries and their {@link NeighborQueue}s, so threads share nothing
 * but the read-only block. Inside a thread, queries are visited in tiles so that one base vector is
 * scored against a tile of queries while it is in L1.
 */
public final class ExactNearestNeighbors {
  /**
   * Queries scored against one base vector before moving to the next: the tile stays in L1 (64 x 4
   * KiB max).
   */
  private static final int QUERY_TILE = 16;

  private final Metric metric;
  private final int k;
  private final int threads;
  private final int blockSize;
  private final DistanceKernels kernels;

  /**
   * @param k neighbours per query, {@code >= 1}
   * @param threads worker threads, {@code >= 1}
   * @param blockSize base vectors per streamed block, {@code >= 1}
   */
  public ExactNearestNeighbors(
      Metric metric, int k, int threads, int blockSize, DistanceKernels kernels) {
    if (k < 1 || threads < 1 || blockSize < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "k=%d, threads=%d, blockSize=%d: each must be >= 1",
              k,
              threads,
              blockSize));
    }
    this.metric = metric;
    this.k = k;
    this.threads = threads;
    this.blockSize = blockSize;
    this.kernels = kernels;
  }

  /**
   * Computes the exact neighbours of every query among the vectors {@code base} returns.
   *
   * @param queries query vectors back to back, {@code dimension} floats each
   * @param progress told the number of base vectors done after every block
   */
  public GroundTruth search(float[] queries, VectorFileReader base, LongConsumer progress)
      throws IOException {
    return search(queries, base, null, progress);
  }

  /**
   * Computes the exact neighbours of every query among the vectors {@code base} returns whose
   * ordinal {@code accepted} accepts (a filtered search's ground truth); at least {@code k} must
   * be.
   *
   * @param accepted the base ordinals that may be neighbours, null for all
   */
  public GroundTruth search(
      float[] queries, VectorFileReader base, IntPredicate accepted, LongConsumer progress)
      throws IOException {
    int dim = base.dimension();
    if (queries.length % dim != 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "queries hold %d floats: not a whole number of %d-d vectors",
              queries.length,
              dim));
    }
    int queryCount = queries.length / dim;
    int keep = (int) Math.min(k, base.size());
    if (keep == 0) {
      throw new IllegalArgumentException(base.info().path() + ": the base holds no vectors");
    }
    QueryDistance distance = new QueryDistance(metric, kernels, dim);
    float[] prepared = distance.prepareQueries(queries);
    NeighborQueue[] queues = new NeighborQueue[queryCount];
    for (int q = 0; q < queryCount; q++) {
      queues[q] = new NeighborQueue(keep);
    }
    float[] block = new float[blockSize * dim];
    float[] norms = new float[blockSize];
    int workers = Math.max(1, Math.min(threads, queryCount));
    ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
    try {
      long done = 0;
      int n;
      while ((n = base.read(block, blockSize)) > 0) {
        distance.blockNorms(block, n, norms);
        int firstId = Math.toIntExact(done);
        int count = n;
        List<Future<?>> tasks = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
          int from = (int) ((long) queryCount * w / workers);
          int to = (int) ((long) queryCount * (w + 1) / workers);
          tasks.add(
              pool.submit(
                  () ->
                      scoreBlock(
                          distance, prepared, dim, from, to, block, count, norms, firstId, accepted,
                          queues)));
        }
        await(tasks);
        done += n;
        progress.accept(done);
      }
    } finally {
      pool.shutdownNow();
    }
    int[][] ids = new int[queryCount][keep];
    float[][] distances = new float[queryCount][keep];
    for (int q = 0; q < queryCount; q++) {
      queues[q].drainSorted(ids[q], distances[q]);
    }
    return new GroundTruth(ids, distances);
  }

  private static void scoreBlock(
      QueryDistance distance,
      float[] queries,
      int dim,
      int fromQuery,
      int toQuery,
      float[] block,
      int count,
      float[] norms,
      int firstId,
      IntPredicate accepted,
      NeighborQueue[] queues) {
    for (int tile = fromQuery; tile < toQuery; tile += QUERY_TILE) {
      int tileEnd = Math.min(tile + QUERY_TILE, toQuery);
      for (int b = 0; b < count; b++) {
        int id = firstId + b;
        if (accepted != null && !accepted.test(id)) {
          continue;
        }
        for (int q = tile; q < tileEnd; q++) {
          float d = distance.distance(queries, q * dim, block, b, norms);
          NeighborQueue queue = queues[q];
          if (d <= queue.worstDistance()) {
            queue.offer(d, id);
          }
        }
      }
    }
  }

  private static void await(List<Future<?>> tasks) throws IOException {
    try {
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while computing ground truth", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IOException(cause);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "exact-knn");
      t.setDaemon(true);
      return t;
    };
  }
}
