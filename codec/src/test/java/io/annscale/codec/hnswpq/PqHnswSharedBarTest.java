package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
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
 * Four segments searched with and without the collection's shared bar: with it the segments'
 * reranks stop early, so fewer vectors are scored exactly, the graph searches stay the same, and
 * the query's top 10 is the same.
 */
public class PqHnswSharedBarTest extends LuceneTestCase {
  private static final int K = 10;
  private static final int OVERSAMPLE = 10;

  public void testSegmentsSharingTheBarScoreLessAndFindTheSame() throws IOException {
    for (VectorSimilarityFunction similarity :
        new VectorSimilarityFunction[] {
          VectorSimilarityFunction.EUCLIDEAN, VectorSimilarityFunction.COSINE
        }) {
      Random random = new Random(5);
      float[][] data = ClusteredVectors.generate(random, 10_000, 32, 40, 0.3f, 1f);
      float[][] queries = ClusteredVectors.generate(random, 50, 32, 40, 0.3f, 1f);
      try (Directory directory = new MMapDirectory(createTempDir("shared-bar"))) {
        SharedBarComparison.indexSegments(
            directory,
            // a lone flushed segment gets its graph from the graph merge policy's force merge
            () ->
                new IndexWriterConfig()
                    .setCodec(new AnnscaleCodec(GraphAtEveryMerge.format(PqParameters.DEFAULT)))
                    .setMergePolicy(GraphAtEveryMerge.policy(new TieredMergePolicy())),
            data,
            similarity,
            4);
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          assertEquals(4, reader.leaves().size());
          PqSearchStats alone = new PqSearchStats();
          PqSearchStats shared = new PqSearchStats();
          Outcome outcome =
              SharedBarComparison.compare(
                  reader,
                  queries,
                  K,
                  c -> new OversampledKnnCollector(c, OVERSAMPLE, 0, alone),
                  c -> new OversampledKnnCollector(c, OVERSAMPLE, 0, shared));
          String report =
              similarity
                  + ": exact scores "
                  + alone.exactScores()
                  + " -> "
                  + shared.exactScores()
                  + ", "
                  + outcome.describe();
          if (VERBOSE) {
            System.out.println(report);
          }
          assertTrue(report, shared.exactScores() < alone.exactScores());
          // the graph searches are the same either way
          assertEquals(report, outcome.visitedAlone(), outcome.visitedShared());
          assertTrue(report, outcome.identical() >= queries.length * 9 / 10);
          assertTrue(report, outcome.found() >= queries.length * K * 99 / 100);
        }
      }
    }
  }
}
