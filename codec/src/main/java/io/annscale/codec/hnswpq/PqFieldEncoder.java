package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.RangeWorkers;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.VectorUtil;

/**
 * Trains a field's codebooks and writes its codes, in two passes over the vectors: a reservoir
 * sample for training, then encoding in ordinal order. Flush and merge share this path; only the
 * source differs. Public for the DiskANN format, which keeps the same records in memory.
 */
public final class PqFieldEncoder {
  /**
   * Fixed so that the same data always gives the same codebooks (Lucene's merge-stability tests
   * check it).
   */
  static final long SEED = 0x9E3779B97F4A7C15L;

  /** Caps the training sample's heap: 64 MiB of floats, whatever the dimension. */
  private static final long MAX_SAMPLE_BYTES = 64L << 20;

  /** The vectors of one field in ordinal order; may be iterated more than once. */
  public interface VectorSource {
    void forEach(VectorConsumer consumer) throws IOException;
  }

  /** Receives one vector; the array is only valid during the call. */
  public interface VectorConsumer {
    void accept(float[] vector) throws IOException;
  }

  private PqFieldEncoder() {}

  /**
   * Writes the field's codes at the current position of {@code data} and returns its metadata
   * entry; trains and encodes on the calling thread (PQ-HNSW's flush and merge).
   */
  public static PqFieldEntry write(
      FieldInfo field, VectorSource source, PqParameters parameters, IndexOutput data)
      throws IOException {
    Trained trained = train(field, source, parameters, RangeWorkers.CALLER);
    long offset = data.getFilePointer();
    if (trained.quantizer != null) {
      new RecordEncoder(trained.quantizer, trained.normalize, RangeWorkers.CALLER)
          .write(source, data);
    }
    return trained.entry(offset, data.getFilePointer() - offset);
  }

  /**
   * Trains the field's codebooks as {@link #write} does, split over {@code workers} (a merge's
   * executor; the codebooks and records are the same for any worker count), and encodes every
   * vector into a record on heap, in the source's order, for a writer that needs the codes before
   * it knows the order it writes them in (DiskANN steers its graph build by them).
   *
   * @throws IllegalArgumentException if the records would not fit one array
   */
  public static HeapPqRecords encodeOnHeap(
      FieldInfo field, VectorSource source, PqParameters parameters, RangeWorkers workers)
      throws IOException {
    Trained trained = train(field, source, parameters, workers);
    long bytes = checkFitsOnHeap(field, trained.count, parameters);
    byte[] records = new byte[(int) bytes];
    if (trained.quantizer != null) {
      new RecordEncoder(trained.quantizer, trained.normalize, workers)
          .write(source, new ByteArrayDataOutput(records));
    }
    return new HeapPqRecords(trained.entry(0, 0), records); // offset and length come at write
  }

  /**
   * The bytes of {@code count} records of the field, as {@link #encodeOnHeap} holds them: a writer
   * calls it before any work, so a field too large fails at once.
   *
   * @throws IllegalArgumentException naming the field if they would not fit one array
   */
  public static long checkFitsOnHeap(FieldInfo field, long count, PqParameters parameters) {
    int dimension = field.getVectorDimension();
    long bytes =
        count * PqFieldEntry.recordBytes(parameters.bits(), parameters.subspacesFor(dimension));
    if (bytes > ArrayUtil.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException(
          "field \""
              + field.name
              + "\": the PQ records of "
              + count
              + " vectors take "
              + bytes
              + " bytes, more than one array holds ("
              + ArrayUtil.MAX_ARRAY_LENGTH
              + "); split the data over more segments or shards");
    }
    return bytes;
  }

  /** The codebooks trained on a sample of the source, and what its entry records besides. */
  private static Trained train(
      FieldInfo field, VectorSource source, PqParameters parameters, RangeWorkers workers)
      throws IOException {
    int dimension = field.getVectorDimension();
    boolean normalize = field.getVectorSimilarityFunction() == VectorSimilarityFunction.COSINE;
    int subspaces = parameters.subspacesFor(dimension);
    int sampleCapacity =
        (int)
            Math.min(parameters.sampleSize(), MAX_SAMPLE_BYTES / (Float.BYTES * (long) dimension));
    Sample sample = Sample.draw(source, Math.max(1, sampleCapacity), normalize);
    ResidualProductQuantizer quantizer = null;
    if (sample.count > 0) {
      float[][] vectors = sample.vectors();
      quantizer =
          ResidualProductQuantizer.train(
              ord -> vectors[ord],
              vectors.length,
              dimension,
              subspaces,
              parameters.bits(),
              parameters.coarseCentroidsFor(vectors.length, dimension),
              SEED,
              workers);
    }
    return new Trained(field, parameters, subspaces, normalize, sample.count, quantizer);
  }

  private record Trained(
      FieldInfo field,
      PqParameters parameters,
      int subspaces,
      boolean normalize,
      int count,
      ResidualProductQuantizer quantizer) {
    PqFieldEntry entry(long offset, long length) {
      return new PqFieldEntry(
          field.number,
          field.getVectorSimilarityFunction(),
          field.getVectorDimension(),
          count,
          parameters.bits(),
          subspaces,
          parameters.oversample(),
          quantizer,
          offset,
          length);
    }
  }

  /**
   * An entry without codes or codebooks (as an empty field's), for vectors that no search scores by
   * their codes; nothing is trained and nothing is written to {@code data}.
   */
  public static PqFieldEntry none(FieldInfo field, PqParameters parameters, IndexOutput data) {
    int dimension = field.getVectorDimension();
    return new PqFieldEntry(
        field.number,
        field.getVectorSimilarityFunction(),
        dimension,
        0,
        parameters.bits(),
        parameters.subspacesFor(dimension),
        parameters.oversample(),
        null,
        data.getFilePointer(),
        0);
  }

  static float[] normalized(float[] vector, float[] into) {
    System.arraycopy(vector, 0, into, 0, vector.length);
    // a zero vector stays zero rather than failing: COSINE fields reject it at indexing anyway
    return VectorUtil.l2normalize(into, false);
  }

  /**
   * A uniform sample of at most {@code capacity} vectors (Algorithm R), seeded so it is repeatable.
   */
  private static final class Sample {
    private final float[][] reservoir;
    private int count;

    private Sample(int capacity) {
      reservoir = new float[capacity][];
    }

    static Sample draw(VectorSource source, int capacity, boolean normalize) throws IOException {
      Sample sample = new Sample(capacity);
      SplittableRandom random = new SplittableRandom(SEED);
      source.forEach(
          vector -> {
            int seen = sample.count++;
            int slot = seen < capacity ? seen : random.nextInt(seen + 1);
            if (slot < capacity) {
              float[] copy = sample.reservoir[slot];
              if (copy == null) {
                copy = sample.reservoir[slot] = new float[vector.length];
              }
              System.arraycopy(vector, 0, copy, 0, vector.length);
              if (normalize) {
                VectorUtil.l2normalize(copy, false);
              }
            }
          });
      return sample;
    }

    float[][] vectors() {
      if (count >= reservoir.length) {
        return reservoir;
      }
      float[][] filled = new float[count][];
      System.arraycopy(reservoir, 0, filled, 0, count);
      return filled;
    }
  }
}
