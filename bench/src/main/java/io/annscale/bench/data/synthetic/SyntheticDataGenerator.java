package io.annscale.bench.data.synthetic;

import io.annscale.bench.data.VectorFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Writes synthetic vectors in fixed-size batches. Batch {@code b} of stream {@code s} is drawn from
 * its own {@link SplittableRandom} seeded from {@code (seed, s, b)}, so the file is the same for
 * any thread count, and the base and query streams never share draws: queries come from the same
 * distribution, not from the base.
 *
 * <p>Heap: {@code threads x BATCH x dimension} floats in flight, independent of the number of
 * vectors.
 */
public final class SyntheticDataGenerator {
  /**
   * Vectors per batch. Part of the output's definition: changing it changes every generated file.
   */
  static final int BATCH = 4096;

  /** Independent random streams of one data set. */
  public enum Stream {
    BASE(0x0BA5E),
    QUERY(0x0C0E7);

    final long salt;

    Stream(long salt) {
      this.salt = salt;
    }
  }

  private final Distribution distribution;
  private final int dimension;
  private final long seed;
  private final int threads;

  /**
   * @param dimension components per vector, {@code >= 1}
   * @param threads batches drawn in parallel, {@code >= 1}
   */
  public SyntheticDataGenerator(Distribution distribution, int dimension, long seed, int threads) {
    if (dimension < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "dimension and threads must be >= 1, got " + dimension + ", " + threads);
    }
    this.distribution = distribution;
    this.dimension = dimension;
    this.seed = seed;
    this.threads = threads;
  }

  /**
   * Writes {@code count} vectors of {@code stream} to {@code file} (format from its extension),
   * atomically.
   *
   * @param progress told the number of vectors written after every group of batches
   */
  public void write(Path file, long count, Stream stream, LongConsumer progress)
      throws IOException {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "synthetic-generator");
              t.setDaemon(true);
              return t;
            });
    try (VectorFileWriter writer = VectorFileWriter.create(file, dimension)) {
      long batches = (count + BATCH - 1) / BATCH;
      for (long first = 0; first < batches; first += threads) {
        List<Future<float[]>> group = new ArrayList<>(threads);
        for (long b = first; b < Math.min(first + threads, batches); b++) {
          long batch = b;
          int size = (int) Math.min(BATCH, count - batch * BATCH);
          group.add(pool.submit(() -> sampleBatch(stream, batch, size)));
        }
        for (Future<float[]> f : group) {
          float[] vectors = get(f);
          writer.write(vectors, 0, vectors.length / dimension);
        }
        progress.accept(writer.count());
      }
      writer.commit();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Draws the first {@code count} vectors of {@code stream} into memory, identical to what {@link
   * #write} writes.
   */
  public float[] sample(int count, Stream stream) {
    float[] out = new float[Math.multiplyExact(count, dimension)];
    for (int batch = 0; (long) batch * BATCH < count; batch++) {
      int size = Math.min(BATCH, count - batch * BATCH);
      System.arraycopy(
          sampleBatch(stream, batch, size), 0, out, batch * BATCH * dimension, size * dimension);
    }
    return out;
  }

  private float[] sampleBatch(Stream stream, long batch, int size) {
    SplittableRandom random = new SplittableRandom(mix(mix(seed ^ stream.salt) + batch));
    float[] vectors = new float[size * dimension];
    for (int v = 0; v < size; v++) {
      distribution.sample(random, vectors, v * dimension, dimension);
    }
    return vectors;
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static float[] get(Future<float[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating vectors", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IOException(e.getCause());
    }
  }
}
