package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.ProductQuantizer;
import io.annscale.codec.pq.ResidualProductQuantizer;
import io.annscale.codec.testutil.ClusteredVectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.VectorUtil;

/**
 * The extra entry points: in the query's nearest coarse cell, the first near that cell's centroid,
 * and spread so that a cell stretched over two clusters has one in each.
 */
public class CoarseEntryPointsTest extends LuceneTestCase {
  private static final int DIMENSION = 16;
  private static final int COUNT = 4000;

  public void testRepresentativeLiesInTheQuerysCellNearItsCentroid() throws IOException {
    for (VectorSimilarityFunction similarity :
        new VectorSimilarityFunction[] {
          VectorSimilarityFunction.EUCLIDEAN,
          VectorSimilarityFunction.COSINE,
          VectorSimilarityFunction.DOT_PRODUCT
        }) {
      assertRepresentativeInQuerysCell(similarity);
    }
  }

  /**
   * Cells are Euclidean (on unit vectors for COSINE and DOT_PRODUCT, whose coarse terms are dot
   * products).
   */
  private void assertRepresentativeInQuerysCell(VectorSimilarityFunction similarity)
      throws IOException {
    boolean unit = similarity != VectorSimilarityFunction.EUCLIDEAN;
    Random random = new Random(3);
    float[][] data = clustered(random);
    if (unit) {
      Arrays.stream(data).forEach(VectorUtil::l2normalize);
    }
    ResidualProductQuantizer quantizer = trainedOn(data);
    PqFieldEntry entry = entry(quantizer, similarity);
    int[] cells = new int[COUNT];
    byte[] records = encode(quantizer, entry, data, cells);
    CoarseEntryPoints entryPoints = CoarseEntryPoints.of(entry, records, COUNT, DIMENSION);
    float[] centroids = quantizer.coarseCentroids();

    float[][] queries = Arrays.copyOf(clustered(random), 50);
    if (unit) {
      Arrays.stream(queries).forEach(VectorUtil::l2normalize);
    }
    for (float[] query : queries) {
      int nearest = entryPoints.nearestCell(new PqDistances(entry, records, query));
      int representative = entryPoints.representative(nearest, 0);
      int cell = cells[representative];
      float[] toCentroids = quantizer.coarseSquareDistances(query);
      for (int c = 0; c < toCentroids.length; c++) {
        // every other non-empty cell's centroid is at least as far from the query
        if (cellSize(cells, c) > 0) {
          assertTrue(
              similarity + ": cell " + cell + " vs " + c, toCentroids[cell] <= toCentroids[c]);
        }
      }
      // among its cell's members, the representative is one of the nearest to the centroid
      // (PQ-estimated)
      float[] centroid = Arrays.copyOfRange(centroids, cell * DIMENSION, (cell + 1) * DIMENSION);
      float own = VectorUtil.squareDistance(data[representative], centroid);
      long nearer = 0;
      for (int i = 0; i < COUNT; i++) {
        nearer += cells[i] == cell && VectorUtil.squareDistance(data[i], centroid) < own ? 1 : 0;
      }
      int members = cellSize(cells, cell);
      assertTrue(nearer + " of " + members + " nearer", nearer <= Math.max(2, members / 10));
    }
  }

  /**
   * One centroid halfway between two far-apart clusters, as k-means sometimes leaves one: the
   * cell's first representative lies in one cluster, the second in the other, so a query from
   * either starts at home.
   */
  public void testCellSpanningTwoClustersHasARepresentativeInEach() throws IOException {
    Random random = new Random(5);
    float[][] data = new float[COUNT][DIMENSION];
    for (int i = 0; i < COUNT; i++) {
      for (int d = 0; d < DIMENSION; d++) {
        data[i][d] = (float) (0.3 * random.nextGaussian());
      }
      data[i][0] += i % 2 == 0 ? 5 : -5;
    }
    // the centroid at the origin: the residuals are the vectors themselves
    ProductQuantizer residuals =
        ProductQuantizer.train(ord -> data[ord], COUNT, DIMENSION, 8, PqBits.EIGHT, COUNT, 6);
    ResidualProductQuantizer quantizer =
        ResidualProductQuantizer.fromParts(new float[DIMENSION], 1, residuals);
    PqFieldEntry entry = entry(quantizer, VectorSimilarityFunction.EUCLIDEAN);
    byte[] records = encode(quantizer, entry, data, new int[COUNT]);
    CoarseEntryPoints entryPoints = CoarseEntryPoints.of(entry, records, COUNT, DIMENSION);

    assertEquals(0, entryPoints.nearestCell(new PqDistances(entry, records, data[0])));
    int first = entryPoints.representative(0, 0);
    int second = entryPoints.representative(0, 1);
    assertTrue(
        data[first][0] + " and " + data[second][0],
        Math.signum(data[first][0]) == -Math.signum(data[second][0]));
    // the second is the member farthest from the first, as the codes decode (not, say, farthest
    // from the centroid)
    float[] firstDecoded = decoded(residuals, entry, records, first);
    float farthest =
        VectorUtil.squareDistance(firstDecoded, decoded(residuals, entry, records, second));
    for (int i = 0; i < COUNT; i++) {
      float distance =
          VectorUtil.squareDistance(firstDecoded, decoded(residuals, entry, records, i));
      assertTrue(i + " is farther: " + distance + " > " + farthest, distance <= farthest);
    }
  }

  /**
   * Every member codes the same: one representative, no second (nothing is farther than the first).
   */
  public void testCellOfIdenticalCodesHasOneRepresentative() throws IOException {
    float[][] data = clustered(new Random(8));
    ResidualProductQuantizer trained = trainedOn(data);
    float[] same = data[0].clone();
    for (int i = 0; i < COUNT; i++) {
      data[i] = same;
    }
    PqFieldEntry entry = entry(trained, VectorSimilarityFunction.EUCLIDEAN);
    byte[] records = encode(trained, entry, data, new int[COUNT]);
    CoarseEntryPoints entryPoints = CoarseEntryPoints.of(entry, records, COUNT, DIMENSION);

    int cell = entryPoints.nearestCell(new PqDistances(entry, records, same));
    assertTrue(entryPoints.representative(cell, 0) >= 0);
    assertEquals(-1, entryPoints.representative(cell, 1));
  }

  private static float[] decoded(
      ProductQuantizer residuals, PqFieldEntry entry, byte[] records, int position) {
    float[] out = new float[DIMENSION];
    residuals.decode(records, position * entry.recordBytes(), out);
    return out;
  }

  public void testCellOfOneHasOneRepresentative() throws IOException {
    float[][] data = clustered(new Random(6));
    ResidualProductQuantizer trained = trainedOn(data);
    // a second centroid far from every vector but the last, which is moved onto it
    float[] far = new float[DIMENSION];
    Arrays.fill(far, 100f);
    data[COUNT - 1] = far.clone();
    float[] coarse =
        Arrays.copyOf(trained.coarseCentroids(), (trained.coarseCount() + 1) * DIMENSION);
    System.arraycopy(far, 0, coarse, trained.coarseCount() * DIMENSION, DIMENSION);
    ResidualProductQuantizer quantizer =
        ResidualProductQuantizer.fromParts(coarse, trained.coarseCount() + 1, trained.residuals());
    PqFieldEntry entry = entry(quantizer, VectorSimilarityFunction.EUCLIDEAN);
    byte[] records = encode(quantizer, entry, data, new int[COUNT]);
    CoarseEntryPoints entryPoints = CoarseEntryPoints.of(entry, records, COUNT, DIMENSION);

    int cell = entryPoints.nearestCell(new PqDistances(entry, records, far));
    assertEquals(trained.coarseCount(), cell);
    assertEquals(COUNT - 1, entryPoints.representative(cell, 0));
    assertEquals(-1, entryPoints.representative(cell, 1));
  }

  public void testDamagedCellIdDoesNotThrow() throws IOException {
    float[][] data = clustered(new Random(4));
    PqFieldEntry entry = entry(trainedOn(data), VectorSimilarityFunction.EUCLIDEAN);
    ResidualProductQuantizer quantizer = entry.quantizer();
    byte[] records = encode(quantizer, entry, data, new int[COUNT]);
    for (int i = 0; i < COUNT; i += 7) {
      records[i * entry.recordBytes() + entry.codeBytes()] = (byte) 0xFF;
      records[i * entry.recordBytes() + entry.codeBytes() + 1] = (byte) 0xFF;
    }
    CoarseEntryPoints entryPoints = CoarseEntryPoints.of(entry, records, COUNT, DIMENSION);
    int cell = entryPoints.nearestCell(new PqDistances(entry, records, data[0]));
    for (int slot = 0; slot < CoarseEntryPoints.PER_CELL; slot++) {
      int representative = entryPoints.representative(cell, slot);
      assertTrue(representative >= 0 && representative < COUNT);
    }
  }

  public void testEmptyFieldHasNone() {
    PqFieldEntry empty = entry(null, VectorSimilarityFunction.EUCLIDEAN);
    assertSame(CoarseEntryPoints.NONE, CoarseEntryPoints.of(empty, new byte[0], 0, DIMENSION));
    assertEquals(-1, CoarseEntryPoints.NONE.nearestCell(null));
  }

  private static float[][] clustered(Random random) {
    return ClusteredVectors.generate(random, COUNT, DIMENSION, 20, 0.3f, 1f);
  }

  private static ResidualProductQuantizer trainedOn(float[][] data) throws IOException {
    return ResidualProductQuantizer.train(ord -> data[ord], COUNT, DIMENSION, 8, PqBits.EIGHT, 5);
  }

  private static PqFieldEntry entry(
      ResidualProductQuantizer quantizer, VectorSimilarityFunction similarity) {
    return new PqFieldEntry(
        0,
        similarity,
        DIMENSION,
        quantizer == null ? 0 : COUNT,
        PqBits.EIGHT,
        8,
        1,
        quantizer,
        0,
        0);
  }

  /**
   * Records as the writer lays them out: code, coarse id (uint16), correction (float32),
   * little-endian.
   */
  private static byte[] encode(
      ResidualProductQuantizer quantizer, PqFieldEntry entry, float[][] data, int[] cells) {
    ByteBuffer records =
        ByteBuffer.allocate(COUNT * entry.recordBytes()).order(ByteOrder.LITTLE_ENDIAN);
    byte[] code = new byte[entry.codeBytes()];
    float[] scratch = new float[Math.max(256, quantizer.coarseCount())];
    float[] residual = new float[DIMENSION];
    for (int i = 0; i < COUNT; i++) {
      cells[i] = quantizer.encode(data[i], code, 0, scratch, residual);
      float correction = quantizer.squareDistanceCorrection(cells[i], code, 0, residual);
      records.put(code).putShort((short) cells[i]).putFloat(correction);
    }
    return records.array();
  }

  private static int cellSize(int[] cells, int cell) {
    return (int) Arrays.stream(cells).filter(c -> c == cell).count();
  }
}
