package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.RangeWorkers;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import org.apache.lucene.store.DataOutput;

/**
 * Encodes a field's vectors into PQ records, in batches: a batch is read in ordinal order, encoded
 * by the workers (each its own vectors of the batch, with scratch of its own), then written in
 * ordinal order. Encoding costs {@code C x d} multiply-adds per vector for the coarse centroid
 * alone, a merge's largest single-threaded cost after the graph, while reading and writing a record
 * cost a copy.
 *
 * <p>Record layout in {@link PqFlatVectorsFormat}: code, coarse centroid (uint16), correction
 * (float).
 */
final class RecordEncoder {
  /** Vectors per batch: 32 MiB of floats at most, so the heap stays bounded at any size. */
  private static final int BATCH_FLOATS = 8 << 20;

  private final ResidualProductQuantizer quantizer;
  private final boolean normalize;
  private final RangeWorkers workers;
  private final int dimension;
  private final int codeBytes;
  private final int batchSize;
  private final float[] vectors;
  private final byte[] codes;
  private final short[] coarse;
  private final float[] corrections;
  private int filled;

  RecordEncoder(ResidualProductQuantizer quantizer, boolean normalize, RangeWorkers workers) {
    this(
        quantizer,
        normalize,
        workers,
        Math.max(1, Math.min(1 << 16, BATCH_FLOATS / quantizer.dimension())));
  }

  /**
   * @param batchSize vectors per batch, >= 1; tests make it small to cross batch boundaries
   */
  RecordEncoder(
      ResidualProductQuantizer quantizer, boolean normalize, RangeWorkers workers, int batchSize) {
    this.quantizer = quantizer;
    this.normalize = normalize;
    this.workers = workers;
    this.dimension = quantizer.dimension();
    this.codeBytes = quantizer.residuals().codeBytes();
    this.batchSize = batchSize;
    this.vectors = new float[batchSize * dimension];
    this.codes = new byte[batchSize * codeBytes];
    this.coarse = new short[batchSize];
    this.corrections = new float[batchSize];
  }

  void write(PqFieldEncoder.VectorSource source, DataOutput data) throws IOException {
    float[] unit = normalize ? new float[dimension] : null;
    source.forEach(
        vector -> {
          float[] v = normalize ? PqFieldEncoder.normalized(vector, unit) : vector;
          System.arraycopy(v, 0, vectors, filled * dimension, dimension);
          if (++filled == batchSize) {
            flushBatch(data);
          }
        });
    flushBatch(data);
  }

  private void flushBatch(DataOutput data) throws IOException {
    int count = filled;
    workers.run(count, this::encode);
    for (int i = 0; i < count; i++) {
      data.writeBytes(codes, i * codeBytes, codeBytes);
      data.writeShort(coarse[i]);
      data.writeInt(Float.floatToIntBits(corrections[i]));
    }
    filled = 0;
  }

  private void encode(int from, int to) {
    int centroids = quantizer.residuals().bits().centroidsPerSubspace();
    float[] scratch = new float[Math.max(dimension, Math.max(quantizer.coarseCount(), centroids))];
    float[] residual = new float[dimension];
    float[] vector = new float[dimension];
    for (int i = from; i < to; i++) {
      System.arraycopy(vectors, i * dimension, vector, 0, dimension);
      int c = quantizer.encode(vector, codes, i * codeBytes, scratch, residual);
      coarse[i] = (short) c;
      corrections[i] = quantizer.squareDistanceCorrection(c, codes, i * codeBytes, residual);
    }
  }
}
