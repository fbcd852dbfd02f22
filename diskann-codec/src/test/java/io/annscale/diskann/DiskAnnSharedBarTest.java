package io.annscale.diskann;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.GraphMergePolicy;
import io.annscale.codec.testutil.ClusteredVectors;
import io.annscale.codec.testutil.SharedBarComparison;
import io.annscale.codec.testutil.SharedBarComparison.Outcome;
import java.io.IOException;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * Four graph segments searched with and without the collection's shared bar: with it the beam
 * searches read fewer node sectors and compute fewer PQ distances, and the query's top 10 is the
 * same.
 */
public class DiskAnnSharedBarTest extends LuceneTestCase {
  private static final int K = 10;
  private static final int SEARCH_LIST = 100;

  public void testSegmentsSharingTheBarReadLessAndFindTheSame() throws IOException {
    for (VectorSimilarityFunction similarity :
        new VectorSimilarityFunction[] {
          VectorSimilarityFunction.EUCLIDEAN, VectorSimilarityFunction.COSINE
        }) {
      Random random = new Random(5);
      compare(
          similarity,
          ClusteredVectors.generate(random, 10_000, 32, 40, 0.3f, 1f),
          ClusteredVectors.generate(random, 50, 32, 40, 0.3f, 1f));
    }
  }

  /**
   * Unclustered vectors, where a segment holding the query's neighbours still needs its whole list
   * to find them: the bar other segments set must not cut that exploration short (its own results
   * must not count).
   */
  public void testTheSegmentHoldingTheAnswerExploresItsWholeList() throws IOException {
    Random random = new Random(9);
    compare(VectorSimilarityFunction.EUCLIDEAN, gaussian(random, 10_000), gaussian(random, 50));
  }

  private static float[][] gaussian(Random random, int count) {
    float[][] vectors = new float[count][32];
    for (float[] v : vectors) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian();
      }
    }
    return vectors;
  }

  private void compare(VectorSimilarityFunction similarity, float[][] data, float[][] queries)
      throws IOException {
    DiskAnnParameters parameters =
        DiskAnnParameters.DEFAULT.withCacheMegabytes(0).withGraphThreshold(0);
    try (Directory directory = new MMapDirectory(createTempDir("shared-bar"))) {
      // a lone flushed segment gets its graph from the graph merge policy's force merge
      SharedBarComparison.indexSegments(
          directory,
          () ->
              new IndexWriterConfig()
                  .setCodec(new AnnscaleCodec(new DiskAnnVectorsFormat(parameters)))
                  .setMergePolicy(new GraphMergePolicy(new TieredMergePolicy())),
          data,
          similarity,
          4);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(4, reader.leaves().size());
        DiskAnnSearchStats alone = new DiskAnnSearchStats();
        DiskAnnSearchStats shared = new DiskAnnSearchStats();
        Outcome outcome =
            SharedBarComparison.compare(
                reader,
                queries,
                K,
                c -> new DiskAnnKnnCollector(c, SEARCH_LIST, 0, alone),
                c -> new DiskAnnKnnCollector(c, SEARCH_LIST, 0, shared));
        String report =
            similarity
                + ": sectors "
                + alone.sectorsRead()
                + " -> "
                + shared.sectorsRead()
                + ", PQ "
                + outcome.describe();
        if (VERBOSE) {
          System.out.println(report);
        }
        assertTrue(report, shared.sectorsRead() < alone.sectorsRead());
        assertTrue(report, outcome.visitedShared() < outcome.visitedAlone());
        // the first segment searched has no other segment's bar: its own results must not cut its
        // search short
        assertEquals(report, outcome.firstAlone(), outcome.firstShared());
        assertTrue(report, outcome.identical() >= queries.length * 9 / 10);
        assertTrue(report, outcome.found() >= queries.length * K * 99 / 100);
      }
    }
  }
}
