package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.AdcTable;
import java.util.Arrays;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * A second entry point per query, next to the medoid: for each coarse centroid of the residual PQ, the node whose
 * record lies nearest it (least estimated {@code |r̂|²} among the nodes coded against it). A search seeded with
 * the representative of the query's nearest centroid starts inside the query's cluster instead of walking there
 * from the medoid, which on clustered data roughly halves the sectors read at recall 0.95. Built at reader open
 * from the in-heap PQ records (one pass, {@code m} lookups per node); heap: one int per coarse centroid (and one
 * float for COSINE and DOT_PRODUCT).
 */
final class CoarseEntryPoints {
  static final CoarseEntryPoints NONE = new CoarseEntryPoints(new int[0], null);

  /** Position of each centroid's representative, -1 for a centroid no node is coded against. */
  private final int[] representatives;
  /**
   * {@code |c|²} per centroid when the query's coarse terms are dot products but nodes were assigned to cells by
   * Euclidean distance (COSINE, DOT_PRODUCT: the nearest cell minimizes {@code |c|² - 2<q, c>}); null for EUCLIDEAN
   * (the terms are squared distances already) and MAXIMUM_INNER_PRODUCT (the best cell is the largest product).
   */
  private final float[] centroidNorms;

  private CoarseEntryPoints(int[] representatives, float[] centroidNorms) {
    this.representatives = representatives;
    this.centroidNorms = centroidNorms;
  }

  static CoarseEntryPoints of(PqFieldEntry pq, byte[] records, int size, int dimension) {
    if (size == 0 || pq.quantizer() == null) {
      return NONE;
    }
    int coarseCount = pq.quantizer().coarseCount();
    AdcTable residualNorms = pq.quantizer().residuals().squareDistanceTable(new float[dimension]);
    int[] best = new int[coarseCount];
    float[] bestNorm = new float[coarseCount];
    Arrays.fill(best, -1);
    Arrays.fill(bestNorm, Float.POSITIVE_INFINITY);
    int recordBytes = pq.recordBytes();
    int codeBytes = pq.codeBytes();
    for (int position = 0; position < size; position++) {
      int record = position * recordBytes;
      int coarse = PqDistances.coarseId(records, record, codeBytes, coarseCount);
      float norm = residualNorms.lookup(records, record);
      if (norm < bestNorm[coarse]) {
        bestNorm[coarse] = norm;
        best[coarse] = position;
      }
    }
    return new CoarseEntryPoints(best, centroidNorms(pq, dimension));
  }

  private static float[] centroidNorms(PqFieldEntry pq, int dimension) {
    boolean unitCells =
        pq.similarity() == VectorSimilarityFunction.COSINE || pq.similarity() == VectorSimilarityFunction.DOT_PRODUCT;
    return unitCells ? pq.quantizer().coarseSquareDistances(new float[dimension]) : null;
  }

  /** The representative of the query's nearest non-empty centroid, or -1 if there is none. */
  int nearest(PqDistances query) {
    int nearest = -1;
    float nearestDistance = Float.POSITIVE_INFINITY;
    for (int c = 0; c < representatives.length; c++) {
      if (representatives[c] < 0) {
        continue;
      }
      // coarseDistance is |q - c|² (EUCLIDEAN) or -<q, c> (the others)
      float distance =
          centroidNorms == null ? query.coarseDistance(c) : centroidNorms[c] + 2 * query.coarseDistance(c);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = representatives[c];
      }
    }
    return nearest;
  }

  long ramBytesUsed() {
    return RamUsageEstimator.sizeOf(representatives)
        + (centroidNorms == null ? 0 : RamUsageEstimator.sizeOf(centroidNorms));
  }
}
