package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.RangeWorkers;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersIndexOutput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.VectorUtil;

/**
 * Records come out in ordinal order, each what the quantizer encodes, for any workers and batch.
 */
public class RecordEncoderTest extends LuceneTestCase {
  private static final int DIM = 16;
  private static final int COUNT = 3_500;

  public void testRecordsAreTheQuantizersInOrderAcrossBatchesAndWorkers() throws Exception {
    float[][] vectors = new float[COUNT][DIM];
    for (float[] v : vectors) {
      for (int t = 0; t < DIM; t++) {
        v[t] = (float) random().nextGaussian();
      }
    }
    for (boolean normalize : new boolean[] {false, true}) {
      ResidualProductQuantizer quantizer =
          ResidualProductQuantizer.train(
              ord -> vectors[ord], COUNT, DIM, 4, PqBits.EIGHT, 8, 3L, RangeWorkers.CALLER);
      byte[] expected = recordsOneByOne(quantizer, vectors, normalize);
      assertArrayEquals(
          expected, encode(new RecordEncoder(quantizer, normalize, RangeWorkers.CALLER), vectors));
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        RangeWorkers workers = RangeWorkers.on(new TaskExecutor(pool), 3);
        // 1,000 per batch: three full batches and a short one, each split over three workers
        assertArrayEquals(
            expected, encode(new RecordEncoder(quantizer, normalize, workers, 1_000), vectors));
      } finally {
        pool.shutdown();
      }
    }
  }

  private static byte[] encode(RecordEncoder encoder, float[][] vectors) throws IOException {
    ByteBuffersDataOutput bytes = new ByteBuffersDataOutput();
    try (IndexOutput out = new ByteBuffersIndexOutput(bytes, "test", "records")) {
      encoder.write(
          consumer -> {
            for (float[] v : vectors) {
              consumer.accept(v.clone()); // the source may reuse its array: the encoder copies
            }
          },
          out);
    }
    return bytes.toArrayCopy();
  }

  /** The layout of {@link PqFlatVectorsFormat}'s records, one vector at a time. */
  private static byte[] recordsOneByOne(
      ResidualProductQuantizer quantizer, float[][] vectors, boolean normalize) throws IOException {
    ByteBuffersDataOutput bytes = new ByteBuffersDataOutput();
    byte[] code = new byte[quantizer.residuals().codeBytes()];
    float[] scratch = new float[Math.max(DIM, 256)];
    float[] residual = new float[DIM];
    for (float[] vector : vectors) {
      float[] v = normalize ? VectorUtil.l2normalize(vector.clone(), false) : vector;
      int coarse = quantizer.encode(v, code, 0, scratch, residual);
      bytes.writeBytes(code, code.length);
      bytes.writeShort((short) coarse);
      bytes.writeInt(
          Float.floatToIntBits(quantizer.squareDistanceCorrection(coarse, code, 0, residual)));
    }
    return bytes.toArrayCopy();
  }
}
