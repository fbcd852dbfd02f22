package io.annscale.codec.hnswpq;

import static org.junit.Assert.assertEquals;

import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.RangeWorkers;
import io.annscale.codec.pq.ResidualAdcQuery;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersIndexOutput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.VectorUtil;
import org.junit.Test;

/**
 * The ADC formula against first principles: a record's distance is the exact distance to the vector
 * it stands for ({@code c + r̂}), and its score is Lucene's score of that vector, for records as
 * the writers encode them.
 */
public class ResidualAdcQueryTest {
  private static final int DIM = 16;
  private static final int COUNT = 600;

  @Test
  public void distancesAndScoresAreThoseOfTheDecodedVectors() throws IOException {
    Random random = new Random(3);
    float[][] vectors = new float[COUNT][DIM];
    for (float[] v : vectors) {
      for (int t = 0; t < DIM; t++) {
        v[t] = (float) random.nextGaussian();
      }
    }
    for (VectorSimilarityFunction similarity : VectorSimilarityFunction.values()) {
      boolean unit =
          similarity == VectorSimilarityFunction.COSINE
              || similarity == VectorSimilarityFunction.DOT_PRODUCT;
      float[][] indexed = new float[COUNT][];
      for (int i = 0; i < COUNT; i++) {
        indexed[i] = unit ? VectorUtil.l2normalize(vectors[i].clone()) : vectors[i];
      }
      ResidualProductQuantizer quantizer =
          ResidualProductQuantizer.train(
              ord -> indexed[ord], COUNT, DIM, 8, PqBits.EIGHT, 8, 11L, RangeWorkers.CALLER);
      int codeBytes = quantizer.residuals().codeBytes();
      int recordBytes = ResidualAdcQuery.recordBytes(codeBytes);
      byte[] records = records(quantizer, indexed);
      ByteBuffersDataInput input =
          new ByteBuffersDataInput(
              List.of(ByteBuffer.wrap(records).order(ByteOrder.LITTLE_ENDIAN)));

      float[] query = new float[DIM];
      for (int t = 0; t < DIM; t++) {
        query[t] = (float) random.nextGaussian() * 2;
      }
      // COSINE normalizes the query itself; DOT_PRODUCT expects unit queries of its caller
      float[] asked =
          similarity == VectorSimilarityFunction.DOT_PRODUCT
              ? VectorUtil.l2normalize(query.clone())
              : query;
      ResidualAdcQuery adc = ResidualAdcQuery.of(quantizer, similarity, asked);
      float[] q =
          similarity == VectorSimilarityFunction.COSINE
              ? VectorUtil.l2normalize(query.clone())
              : asked;
      byte[] code = new byte[codeBytes];
      float[] decoded = new float[DIM];
      for (int i = 0; i < COUNT; i++) {
        int at = i * recordBytes;
        System.arraycopy(records, at, code, 0, codeBytes);
        int coarse = ResidualAdcQuery.coarseId(records, at, codeBytes, quantizer.coarseCount());
        quantizer.decode(coarse, code, 0, decoded);
        float expected =
            similarity == VectorSimilarityFunction.EUCLIDEAN
                ? VectorUtil.squareDistance(q, decoded)
                : -VectorUtil.dotProduct(q, decoded);
        String what = similarity + " record " + i;
        float distance = adc.distance(records, at);
        assertEquals(what, expected, distance, 1e-3f * (1 + Math.abs(expected)));
        assertEquals(what, distance, adc.distance(input, at), 1e-5f * (1 + Math.abs(distance)));
        // Lucene's score of the decoded vector (COSINE on unit vectors is their dot product)
        VectorSimilarityFunction exact =
            similarity == VectorSimilarityFunction.COSINE
                ? VectorSimilarityFunction.DOT_PRODUCT
                : similarity;
        float score = exact.compare(q, decoded.clone());
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT
            || similarity == VectorSimilarityFunction.COSINE) {
          score = Math.max(score, 0); // decoded vectors are only nearly unit: clamp as the scorer
        }
        assertEquals(what, score, adc.score(distance), 1e-3f * (1 + Math.abs(score)));
      }
    }
  }

  /** The records as PQ-HNSW's and DiskANN's writers encode them. */
  private static byte[] records(ResidualProductQuantizer quantizer, float[][] vectors)
      throws IOException {
    ByteBuffersDataOutput bytes = new ByteBuffersDataOutput();
    try (IndexOutput out = new ByteBuffersIndexOutput(bytes, "test", "records")) {
      new RecordEncoder(quantizer, false, RangeWorkers.CALLER)
          .write(
              consumer -> {
                for (float[] v : vectors) {
                  consumer.accept(v);
                }
              },
              out);
    }
    return bytes.toArrayCopy();
  }
}
