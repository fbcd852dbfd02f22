package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.AdcTable;
import io.annscale.codec.pq.ProductQuantizer;
import io.annscale.codec.pq.ResidualAdcQuery;
import java.util.Arrays;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * More entry points per query, next to the medoid: for each coarse centroid (cell) of the residual
 * PQ, up to {@link #PER_CELL} representative nodes spread over the cell. A search seeded with the
 * representatives of the query's nearest cell starts inside the query's cluster instead of walking
 * there from the medoid, which on clustered data roughly halves the sectors read at recall 0.95.
 *
 * <p>Why several: k-means sometimes leaves one centroid between two true clusters. A single
 * representative then lies in one of them, and a query from the other starts in the wrong cluster;
 * where clusters are far apart the graph has few edges between them, and the search never gets out
 * (recall 0 for that query). The first representative is the member nearest the centroid (least
 * estimated {@code |r̂|²}); each next one is the member farthest from those already chosen
 * (farthest-point sampling on the decoded residuals, ADC-exact), so a cell that spans two clusters
 * has a representative in each. The search offers them all to its list (one PQ distance each); with
 * the default beam width all seeds are read in the first round, so each representative beyond the
 * first costs up to one sector per query.
 *
 * <p>Built at reader open from the in-heap PQ records: members grouped by cell (one transient int
 * per node), then {@code PER_CELL} passes of {@code m} table lookups per node. Heap kept: {@code
 * PER_CELL} ints per coarse centroid (and one float for COSINE and DOT_PRODUCT).
 */
final class CoarseEntryPoints {
  /** Representatives per cell. */
  static final int PER_CELL = 2;

  static final CoarseEntryPoints NONE = new CoarseEntryPoints(new int[0], null);

  /**
   * {@code PER_CELL} positions per cell, nearest the centroid first; -1 for an unused slot (small
   * or empty cell).
   */
  private final int[] representatives;

  /**
   * {@code |c|²} per centroid when the query's coarse terms are dot products but nodes were
   * assigned to cells by Euclidean distance (COSINE, DOT_PRODUCT: the nearest cell minimizes {@code
   * |c|² - 2<q, c>}); null for EUCLIDEAN (the terms are squared distances already) and
   * MAXIMUM_INNER_PRODUCT (the best cell is the largest product).
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
    int recordBytes = pq.recordBytes();
    int codeBytes = pq.codeBytes();
    // counting sort of positions by cell
    int[] cellStart = new int[coarseCount + 1];
    for (int position = 0; position < size; position++) {
      cellStart[
          ResidualAdcQuery.coarseId(records, position * recordBytes, codeBytes, coarseCount) + 1]++;
    }
    int largest = 0;
    for (int c = 0; c < coarseCount; c++) {
      largest = Math.max(largest, cellStart[c + 1]);
      cellStart[c + 1] += cellStart[c];
    }
    int[] members = new int[size];
    int[] fill = Arrays.copyOf(cellStart, coarseCount);
    for (int position = 0; position < size; position++) {
      members[
              fill[
                  ResidualAdcQuery.coarseId(
                      records, position * recordBytes, codeBytes, coarseCount)]++] =
          position;
    }

    ProductQuantizer residuals = pq.quantizer().residuals();
    AdcTable residualNorms = residuals.squareDistanceTable(new float[dimension]);
    float[] decoded = new float[dimension];
    float[] nearestChosen = new float[largest];
    int[] chosen = new int[coarseCount * PER_CELL];
    Arrays.fill(chosen, -1);
    for (int c = 0; c < coarseCount; c++) {
      int from = cellStart[c];
      int count = cellStart[c + 1] - from;
      if (count == 0) {
        continue;
      }
      int first = argMin(members, from, count, records, recordBytes, residualNorms);
      chosen[c * PER_CELL] = members[from + first];
      Arrays.fill(nearestChosen, 0, count, Float.POSITIVE_INFINITY);
      for (int slot = 1; slot < PER_CELL && slot < count; slot++) {
        residuals.decode(records, chosen[c * PER_CELL + slot - 1] * recordBytes, decoded);
        AdcTable toLast = residuals.squareDistanceTable(decoded);
        int farthest = -1;
        float farthestDistance = 0f;
        for (int i = 0; i < count; i++) {
          float distance =
              Math.min(nearestChosen[i], toLast.lookup(records, members[from + i] * recordBytes));
          nearestChosen[i] = distance;
          if (distance > farthestDistance) {
            farthestDistance = distance;
            farthest = i;
          }
        }
        if (farthest < 0) {
          break; // every member codes the same as one already chosen
        }
        chosen[c * PER_CELL + slot] = members[from + farthest];
      }
    }
    return new CoarseEntryPoints(chosen, centroidNorms(pq, dimension));
  }

  private static int argMin(
      int[] members, int from, int count, byte[] records, int recordBytes, AdcTable residualNorms) {
    int best = 0;
    float bestNorm = Float.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      float norm = residualNorms.lookup(records, members[from + i] * recordBytes);
      if (norm < bestNorm) {
        bestNorm = norm;
        best = i;
      }
    }
    return best;
  }

  private static float[] centroidNorms(PqFieldEntry pq, int dimension) {
    boolean unitCells =
        pq.similarity() == VectorSimilarityFunction.COSINE
            || pq.similarity() == VectorSimilarityFunction.DOT_PRODUCT;
    return unitCells ? pq.quantizer().coarseSquareDistances(new float[dimension]) : null;
  }

  /** The query's nearest non-empty cell, or -1 if there is none. */
  int nearestCell(PqDistances query) {
    int nearest = -1;
    float nearestDistance = Float.POSITIVE_INFINITY;
    for (int c = 0; c < representatives.length / PER_CELL; c++) {
      if (representatives[c * PER_CELL] < 0) {
        continue;
      }
      // coarseDistance is |q - c|² (EUCLIDEAN) or -<q, c> (the others)
      float distance =
          centroidNorms == null
              ? query.coarseDistance(c)
              : centroidNorms[c] + 2 * query.coarseDistance(c);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = c;
      }
    }
    return nearest;
  }

  /**
   * The position of representative {@code slot} (0 = nearest the centroid) of {@code cell}, or -1
   * if none.
   */
  int representative(int cell, int slot) {
    return representatives[cell * PER_CELL + slot];
  }

  long ramBytesUsed() {
    return RamUsageEstimator.sizeOf(representatives)
        + (centroidNorms == null ? 0 : RamUsageEstimator.sizeOf(centroidNorms));
  }
}
