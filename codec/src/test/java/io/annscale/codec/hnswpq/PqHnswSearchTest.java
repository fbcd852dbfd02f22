package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.pq.PqBits;
import io.annscale.codec.testutil.ClusteredVectors;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.VectorUtil;

/**
 * Search quality and exactness of returned scores against brute force, for every similarity and
 * both code widths, on clustered data (where PQ is expected to work) indexed through {@link
 * AnnscaleCodec}.
 */
public class PqHnswSearchTest extends LuceneTestCase {
  private static final int DIMENSION = 32;
  private static final int COUNT = 3000;
  private static final int QUERIES = 30;
  private static final int K = 10;

  public void testRecallAndExactScoresForEverySimilarity() throws IOException {
    for (PqBits bits : PqBits.values()) {
      for (VectorSimilarityFunction similarity : VectorSimilarityFunction.values()) {
        double recall = recall(similarity, PqParameters.of(bits), 1);
        assertTrue(bits + " " + similarity + ": recall@10=" + recall, recall >= 0.9);
      }
    }
  }

  public void testMoreOversampleNeverHurtsMuch() throws IOException {
    PqParameters pq4 = PqParameters.of(PqBits.FOUR);
    double low = recall(VectorSimilarityFunction.EUCLIDEAN, pq4.withOversample(1), 1);
    double high = recall(VectorSimilarityFunction.EUCLIDEAN, pq4.withOversample(10), 1);
    assertTrue("oversample 1: " + low + ", oversample 10: " + high, high >= low && high >= 0.95);
  }

  public void testSegmentsAfterMergeKeepRecall() throws IOException {
    // several flushed segments, then one merge that retrains the codebooks on all the data
    double recall = recall(VectorSimilarityFunction.EUCLIDEAN, PqParameters.DEFAULT, 6);
    assertTrue("recall@10 after merge=" + recall, recall >= 0.9);
  }

  public void testLargestDimensionIsWrittenMergedAndSearched() throws IOException {
    io.annscale.codec.testutil.LargestDimension.check(
        GraphAtEveryMerge.format(PqParameters.DEFAULT));
  }

  public void testCodecIsFoundByName() {
    assertTrue(Codec.forName(AnnscaleCodec.NAME) instanceof AnnscaleCodec);
  }

  /**
   * A query-time oversample replaces the segment's: stored 1, asked 10, recall as with 10 stored.
   */
  public void testQueryTimeOversampleOverridesTheSegments() throws IOException {
    PqParameters storedOne = PqParameters.of(PqBits.FOUR).withOversample(1);
    double stored = recall(VectorSimilarityFunction.EUCLIDEAN, storedOne, 1, 0);
    double asked = recall(VectorSimilarityFunction.EUCLIDEAN, storedOne, 1, 10);
    assertTrue(
        "stored oversample 1: " + stored + ", query oversample 10: " + asked,
        asked > stored && asked >= 0.95);
    float[] target = {1, 2};
    PqKnnFloatVectorQuery a = new PqKnnFloatVectorQuery("v", target, 10, null, 3);
    assertEquals(a, new PqKnnFloatVectorQuery("v", target, 10, null, 3));
    assertEquals(a.hashCode(), new PqKnnFloatVectorQuery("v", target, 10, null, 3).hashCode());
    assertFalse(a.equals(new PqKnnFloatVectorQuery("v", target, 10, null, 4)));
    assertTrue(a.toString("v"), a.toString("v").contains("oversample=3"));
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class,
            () -> new PqKnnFloatVectorQuery("v", target, 10, null, 0));
    assertTrue(e.getMessage(), e.getMessage().contains("oversample=0"));
  }

  /**
   * The query's search list is the graph's, apart from the rerank: a list of 80 reranked 8x (all
   * 80) is as good as the segment default of k x 8 and better than a list of 10; the same list of
   * 80 with only its best 10 by PQ4 score reranked is worse (the rerank depth, not only the list,
   * pays for the codes' error).
   */
  public void testSearchListIsTheGraphsAndTheRerankStaysKTimesOversample() throws IOException {
    PqParameters stored = PqParameters.of(PqBits.FOUR).withOversample(8);
    double short1 = recall(VectorSimilarityFunction.EUCLIDEAN, stored, 1, 1, 10);
    double long1 = recall(VectorSimilarityFunction.EUCLIDEAN, stored, 1, 1, 80);
    double long8 = recall(VectorSimilarityFunction.EUCLIDEAN, stored, 1, 8, 80);
    double segmentDefault = recall(VectorSimilarityFunction.EUCLIDEAN, stored, 1, 0, 0);
    assertTrue("list 10: " + short1 + ", list 80 reranking 80: " + long8, long8 > short1);
    assertTrue("list 80 reranking 80: " + long8 + ", reranking 10: " + long1, long8 > long1);
    assertEquals(
        "list 80 reranking all of it is the segment's default (k x 8)",
        segmentDefault,
        long8,
        1e-9);
    float[] target = {1, 2};
    PqKnnFloatVectorQuery a = new PqKnnFloatVectorQuery("v", target, 10, null, 2, 40);
    assertEquals(a, new PqKnnFloatVectorQuery("v", target, 10, null, 2, 40));
    assertFalse(a.equals(new PqKnnFloatVectorQuery("v", target, 10, null, 2, 41)));
    assertTrue(a.toString("v"), a.toString("v").contains("searchList=40"));
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class,
            () -> new PqKnnFloatVectorQuery("v", target, 10, null, 2, -1));
    assertTrue(e.getMessage(), e.getMessage().contains("searchListSize=-1"));
  }

  private double recall(VectorSimilarityFunction similarity, PqParameters parameters, int segments)
      throws IOException {
    return recall(similarity, parameters, segments, 0);
  }

  private double recall(
      VectorSimilarityFunction similarity,
      PqParameters parameters,
      int segments,
      int queryOversample)
      throws IOException {
    return recall(similarity, parameters, segments, queryOversample, -1);
  }

  /**
   * Mean recall@10 over the queries; also checks every returned score is the exact one.
   *
   * @param queryOversample 0 for a plain {@link KnnFloatVectorQuery}, else a {@link
   *     PqKnnFloatVectorQuery}
   * @param searchList with {@code >= 0}, a {@link PqKnnFloatVectorQuery} of this search list (0:
   *     the default) and {@code queryOversample} (0: the segment's)
   */
  private double recall(
      VectorSimilarityFunction similarity,
      PqParameters parameters,
      int segments,
      int queryOversample,
      int searchList)
      throws IOException {
    Random random = new Random(7);
    float[][] data = ClusteredVectors.generate(random, COUNT, DIMENSION, 50, 0.3f, 1f);
    float[][] queries = ClusteredVectors.generate(random, QUERIES, DIMENSION, 50, 0.3f, 1f);
    if (similarity == VectorSimilarityFunction.DOT_PRODUCT) {
      // DOT_PRODUCT is defined on unit vectors
      Arrays.stream(data).forEach(VectorUtil::l2normalize);
      Arrays.stream(queries).forEach(VectorUtil::l2normalize);
    }
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(GraphAtEveryMerge.format(parameters)))
            .setMergePolicy(GraphAtEveryMerge.policy(new TieredMergePolicy()));
    config.setMaxBufferedDocs(COUNT / segments + 1);
    try (Directory directory = newDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < data.length; i++) {
          Document doc = new Document();
          doc.add(new StoredField("id", i));
          doc.add(new KnnFloatVectorField("v", data[i], similarity));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        double hits = 0;
        for (float[] query : queries) {
          Query knn =
              searchList >= 0
                  ? new PqKnnFloatVectorQuery("v", query, K, null, queryOversample, searchList)
                  : queryOversample == 0
                      ? new KnnFloatVectorQuery("v", query, K)
                      : new PqKnnFloatVectorQuery("v", query, K, null, queryOversample);
          TopDocs top = searcher.search(knn, K);
          Set<Integer> truth = exactTop(similarity, data, query);
          for (ScoreDoc scoreDoc : top.scoreDocs) {
            int id =
                reader
                    .storedFields()
                    .document(scoreDoc.doc)
                    .getField("id")
                    .numericValue()
                    .intValue();
            assertEquals(
                "score of id " + id, similarity.compare(query, data[id]), scoreDoc.score, 1e-6f);
            if (truth.contains(id)) {
              hits++;
            }
          }
        }
        return hits / (QUERIES * K);
      }
    }
  }

  private static Set<Integer> exactTop(
      VectorSimilarityFunction similarity, float[][] data, float[] query) {
    Integer[] ids = IntStream.range(0, data.length).boxed().toArray(Integer[]::new);
    Arrays.sort(ids, Comparator.comparingDouble(i -> -similarity.compare(query, data[i])));
    return new HashSet<>(Arrays.asList(ids).subList(0, K));
  }
}
