package io.annscale.diskann;

import com.sun.nio.file.ExtendedOpenOption;
import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.GraphMergePolicy;
import io.annscale.codec.testutil.ClusteredVectors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.InfoStream;
import org.apache.lucene.util.VectorUtil;

/**
 * Search quality against brute force on clustered data: every similarity, byte vectors, merged
 * segments, filters, the hot-node cache (same results, no sector reads when it holds everything)
 * and query-time settings.
 */
public class DiskAnnSearchTest extends LuceneTestCase {
  private static final int DIMENSION = 32;
  private static final int COUNT = 3000;
  private static final int QUERIES = 30;
  private static final int K = 10;

  private static final DiskAnnParameters NO_CACHE = DiskAnnParameters.DEFAULT.withCacheMegabytes(0);

  /** Dimension of {@link #run}'s vectors. */
  private int dimension = DIMENSION;

  /** How {@link #run} serves the index it built. */
  private DiskAnnReadSettings readSettings = DiskAnnReadSettings.DEFAULT;

  /** Receives the writer's messages in {@link #run}. */
  private InfoStream infoStream = InfoStream.NO_OUTPUT;

  public void testRecallAndExactScoresForEverySimilarity() throws IOException {
    for (VectorSimilarityFunction similarity : VectorSimilarityFunction.values()) {
      Outcome outcome = run(similarity, NO_CACHE, 1, 0, null);
      assertTrue(similarity + ": recall@10=" + outcome.recall, outcome.recall >= 0.95);
      assertTrue(similarity + ": sectors " + outcome.stats, outcome.stats.sectorsRead() > 0);
      assertEquals(0, outcome.stats.cacheHits());
    }
  }

  /**
   * Long vectors, whose graph builds are steered by their PQ codes, keep recall and exact scores.
   */
  public void testBuildsSteeredByCodesKeepRecall() throws IOException {
    dimension = PqBuildScores.MIN_DIMENSION;
    assertTrue(PqBuildScores.steers(dimension));
    for (VectorSimilarityFunction similarity : VectorSimilarityFunction.values()) {
      Outcome outcome = run(similarity, NO_CACHE, 1, 0, null);
      assertTrue(similarity + ": recall@10=" + outcome.recall, outcome.recall >= 0.95);
    }
  }

  /**
   * The paper's two insertion passes (alpha 1, then alpha), the option beside the default one, keep
   * recall.
   */
  public void testTwoPassGraphKeepsRecall() throws IOException {
    assertEquals(1, DiskAnnParameters.DEFAULT.buildPasses());
    Outcome twoPasses =
        run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE.withBuildPasses(2), 1, 0, null);
    assertTrue("recall@10 of a two-pass graph=" + twoPasses.recall, twoPasses.recall >= 0.95);
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class, () -> DiskAnnParameters.DEFAULT.withBuildPasses(3));
    assertTrue(e.getMessage(), e.getMessage().contains("buildPasses=3"));
  }

  /** Five flushed segments merged into one: the merge starts from the largest segment's graph. */
  public void testSegmentsAfterMergeKeepRecall() throws IOException {
    List<String> messages = new CopyOnWriteArrayList<>();
    infoStream =
        new InfoStream() {
          @Override
          public void message(String component, String message) {
            messages.add(message);
          }

          @Override
          public boolean isEnabled(String component) {
            return component.equals("DISKANN");
          }

          @Override
          public void close() {}
        };
    Outcome outcome = run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 5, 0, null);
    assertTrue("recall@10 after merge=" + outcome.recall, outcome.recall >= 0.95);
    assertTrue(
        messages.toString(),
        messages.stream()
            .anyMatch(
                m ->
                    m.startsWith("merge: ")
                        && m.contains("linked by the largest segment's graph")));
  }

  public void testCacheChangesIoNotResults() throws IOException {
    Outcome uncached = run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null);
    Outcome cached =
        run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE.withCacheMegabytes(64), 1, 0, null);
    assertArrayEquals(uncached.firstResults, cached.firstResults);
    assertEquals(uncached.recall, cached.recall, 0);
    // 3,000 blocks of 392 bytes fit in 64 MB: every expanded node comes from the cache
    assertEquals(0, cached.stats.sectorsRead());
    assertEquals(cached.stats.nodesExpanded(), cached.stats.cacheHits());
    // a third of the blocks (whole sectors): the same search, some of its sectors from memory
    Outcome partly =
        servedWith(
            DiskAnnReadSettings.DEFAULT.withCacheBytes(
                DiskAnnReadSettings.parseMib("cache", "0.4")),
            () -> run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null));
    assertArrayEquals(uncached.firstResults, partly.firstResults);
    assertEquals(uncached.recall, partly.recall, 0);
    assertEquals(uncached.stats.nodesExpanded(), partly.stats.nodesExpanded());
    assertTrue(
        partly.stats.toString(), partly.stats.cacheHits() > 0 && partly.stats.sectorsRead() > 0);
    assertTrue(
        partly.stats + " vs " + uncached.stats,
        partly.stats.sectorsRead() < uncached.stats.sectorsRead());
    // every block of a sector read is expanded, once: 3,000 nodes fill 300 sectors of 10 blocks at
    // 32-d
    NodeBlockLayout layout = new NodeBlockLayout(DIMENSION, 4 * DIMENSION, NO_CACHE.maxDegree());
    assertEquals(10, layout.nodesPerSector());
    assertEquals(
        uncached.stats.toString(),
        uncached.stats.sectorsRead() * 10,
        uncached.stats.nodesExpanded());
  }

  /**
   * The query's coarse entry point spares the walk from the medoid to the query's cluster: fewer
   * sectors than the same searches started from the medoid alone.
   */
  public void testCoarseEntryPointReadsFewerSectors() throws IOException {
    Random random = new Random(7);
    float[][] data = ClusteredVectors.generate(random, COUNT, DIMENSION, 50, 0.3f, 1f);
    float[][] queries = ClusteredVectors.generate(random, QUERIES, DIMENSION, 50, 0.3f, 1f);
    try (Directory directory = new MMapDirectory(createTempDir("entry"))) {
      index(directory, data, VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, null);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        DiskAnnSearchStats seeded = new DiskAnnSearchStats();
        DiskAnnSearchStats medoidOnly = new DiskAnnSearchStats();
        for (float[] query : queries) {
          leaf.searchNearestVectors(
              "v", query, new DiskAnnKnnCollector(topK(), 20, 0, seeded), null);
          leaf.searchNearestVectors(
              "v",
              query,
              new DiskAnnKnnCollector(topK(), 20, 0, medoidOnly).medoidEntryOnly(),
              null);
        }
        assertTrue(seeded + " vs " + medoidOnly, seeded.sectorsRead() < medoidOnly.sectorsRead());
      }
    }
  }

  private static TopKnnCollector topK() {
    return new TopKnnCollector(K, Integer.MAX_VALUE);
  }

  /**
   * Direct I/O reads the same blocks past the page cache: same results, every uncached block read
   * directly.
   */
  public void testDirectIoGivesTheSameResults() throws IOException {
    Outcome mapped = run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null);
    assertEquals(0, mapped.stats.directReads());
    DiskAnnReadSettings direct = DiskAnnReadSettings.DEFAULT.withDirectIo(true);
    if (!supportsDirectIo()) {
      // tmpfs and the like: asking for direct I/O fails loudly instead of reading through mmap
      IOException e =
          servedWith(
              direct,
              () ->
                  expectThrows(
                      IOException.class,
                      () -> run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null)));
      assertTrue(e.getMessage(), e.getMessage().contains("refuses O_DIRECT"));
      return;
    }
    Outcome directly =
        servedWith(direct, () -> run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null));
    assertArrayEquals(mapped.firstResults, directly.firstResults);
    assertEquals(mapped.recall, directly.recall, 0);
    // every sector is read directly (a sector may be read again for a node expanded later)
    assertTrue(
        directly.stats.toString(), directly.stats.directReads() >= directly.stats.sectorsRead());
    assertTrue(
        directly.stats.toString(), directly.stats.directReads() <= directly.stats.nodesExpanded());
  }

  private static boolean supportsDirectIo() throws IOException {
    Path file = createTempFile("direct", "probe");
    Files.write(file, new byte[NodeBlockLayout.SECTOR_BYTES]);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
      return channel.size() > 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Settings other than the default cannot reach a segment in a compound file: opening one through
   * such a directory fails, saying so, instead of serving it otherwise than asked.
   */
  public void testSettingsRefuseCompoundSegments() throws IOException {
    try (Directory directory = new MMapDirectory(createTempDir("compound"))) {
      IndexWriterConfig config =
          new IndexWriterConfig()
              .setCodec(new AnnscaleCodec(new DiskAnnVectorsFormat(NO_CACHE)))
              .setUseCompoundFile(true);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField("v", new float[] {1, 2}));
        writer.addDocument(doc);
      }
      try (DirectoryReader plain =
          DirectoryReader.open(
              new DiskAnnServingDirectory(directory, DiskAnnReadSettings.DEFAULT))) {
        assertEquals(1, plain.numDocs());
      }
      IOException e =
          expectThrows(
              IOException.class,
              () ->
                  DirectoryReader.open(
                      new DiskAnnServingDirectory(
                          directory, DiskAnnReadSettings.DEFAULT.withCacheBytes(0))));
      assertTrue(e.getMessage(), e.getMessage().contains("useCompoundFile=false"));
    }
  }

  public void testBadSettingsAreNamed() {
    IllegalArgumentException io =
        expectThrows(
            IllegalArgumentException.class,
            () -> DiskAnnReadSettings.parseIo("diskAnnIo", "o_direct"));
    assertTrue(io.getMessage(), io.getMessage().contains("diskAnnIo=o_direct"));
    for (String bad : new String[] {"-1", "lots", "NaN", "Infinity", "", "2000000"}) {
      IllegalArgumentException e =
          expectThrows(
              IllegalArgumentException.class,
              () -> DiskAnnReadSettings.parseMib("--diskann-cache-mb", bad));
      assertTrue(e.getMessage(), e.getMessage().contains("--diskann-cache-mb=" + bad));
    }
    assertEquals(1024 * 1024 / 2, DiskAnnReadSettings.parseMib("cache", " 0.5 "));
    assertTrue(DiskAnnReadSettings.parseIo("io", " Direct "));
    assertEquals(7, DiskAnnReadSettings.DEFAULT.cacheBytes(7));
    assertEquals(0, DiskAnnReadSettings.DEFAULT.withCacheBytes(0).cacheBytes(7));
    expectThrows(IllegalArgumentException.class, () -> new DiskAnnReadSettings(false, -2));
    expectThrows(IllegalArgumentException.class, () -> new DiskAnnServingDirectory(null, null));
  }

  /**
   * The serving directory's cache budget replaces the one a segment was built with, both ways;
   * results stay the same.
   */
  public void testServingDirectorysCacheBudgetOverridesTheSegments() throws IOException {
    Outcome built = run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null);
    Outcome widened =
        servedWith(
            DiskAnnReadSettings.DEFAULT.withCacheBytes(64L << 20),
            () -> run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, null));
    assertArrayEquals(built.firstResults, widened.firstResults);
    assertEquals(0, built.stats.cacheHits());
    assertEquals(0, widened.stats.sectorsRead());
    assertEquals(widened.stats.nodesExpanded(), widened.stats.cacheHits());

    Outcome switchedOff =
        servedWith(
            DiskAnnReadSettings.DEFAULT.withCacheBytes(0),
            () ->
                run(
                    VectorSimilarityFunction.EUCLIDEAN,
                    NO_CACHE.withCacheMegabytes(64),
                    1,
                    0,
                    null));
    assertArrayEquals(built.firstResults, switchedOff.firstResults);
    assertEquals(0, switchedOff.stats.cacheHits());
    assertEquals(built.stats.sectorsRead(), switchedOff.stats.sectorsRead());
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** Runs {@code body} with {@link #run} serving its index with {@code settings}. */
  private <T> T servedWith(DiskAnnReadSettings settings, IoSupplier<T> body) throws IOException {
    DiskAnnReadSettings previous = readSettings;
    readSettings = settings;
    try {
      return body.get();
    } finally {
      readSettings = previous;
    }
  }

  public void testLargestDimensionIsWrittenMergedAndSearched() throws IOException {
    io.annscale.codec.testutil.LargestDimension.check(new DiskAnnVectorsFormat(NO_CACHE));
  }

  public void testQueryTimeSearchListOverridesTheSegments() throws IOException {
    DiskAnnParameters shortList = NO_CACHE.withSearchListSize(10);
    Outcome stored = run(VectorSimilarityFunction.EUCLIDEAN, shortList, 1, 0, null);
    Outcome asked = run(VectorSimilarityFunction.EUCLIDEAN, shortList, 1, 200, null);
    assertTrue(
        "stored L=10: " + stored.recall + ", query L=200: " + asked.recall,
        asked.recall > stored.recall && asked.recall >= 0.98);
    assertTrue(asked.stats.nodesExpanded() > stored.stats.nodesExpanded());
    float[] target = {1, 2};
    DiskAnnKnnFloatVectorQuery a =
        new DiskAnnKnnFloatVectorQuery("v", target, 10, null, 50, 2, null);
    assertEquals(a, new DiskAnnKnnFloatVectorQuery("v", target, 10, null, 50, 2, null));
    assertEquals(
        a.hashCode(),
        new DiskAnnKnnFloatVectorQuery("v", target, 10, null, 50, 2, null).hashCode());
    assertFalse(a.equals(new DiskAnnKnnFloatVectorQuery("v", target, 10, null, 60, 2, null)));
    assertTrue(a.toString("v"), a.toString("v").contains("searchList=50"));
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class,
            () -> new DiskAnnKnnFloatVectorQuery("v", target, 10, null, 50, 99, null));
    assertTrue(e.getMessage(), e.getMessage().contains("beamWidth=99"));
  }

  public void testFilteredSearchReturnsOnlyAcceptedDocsWithRecall() throws IOException {
    IntPredicate accepted = id -> id % 3 == 0;
    Outcome outcome = run(VectorSimilarityFunction.EUCLIDEAN, NO_CACHE, 1, 0, accepted);
    assertTrue("filtered recall@10=" + outcome.recall, outcome.recall >= 0.9);
  }

  public void testByteVectors() throws IOException {
    Random random = new Random(9);
    byte[][] data = new byte[COUNT][DIMENSION];
    float[][] centres = ClusteredVectors.generate(new Random(1), 50, DIMENSION, 50, 0.3f, 40f);
    for (byte[] v : data) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int t = 0; t < DIMENSION; t++) {
        v[t] = (byte) Math.max(-128, Math.min(127, Math.round(c[t] + 8 * random.nextGaussian())));
      }
    }
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(new DiskAnnVectorsFormat(NO_CACHE.withGraphThreshold(0))))
            .setMergePolicy(new GraphMergePolicy(new TieredMergePolicy()));
    try (Directory directory = newDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < data.length; i++) {
          Document doc = new Document();
          doc.add(new StoredField("id", i));
          doc.add(new KnnByteVectorField("v", data[i], VectorSimilarityFunction.EUCLIDEAN));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        double hits = 0;
        for (int q = 0; q < QUERIES; q++) {
          byte[] query = data[random.nextInt(COUNT)];
          TopDocs top = searcher.search(new KnnByteVectorQuery("v", query, K), K);
          Integer[] ids = IntStream.range(0, COUNT).boxed().toArray(Integer[]::new);
          Arrays.sort(
              ids,
              Comparator.comparingDouble(
                  i -> -VectorSimilarityFunction.EUCLIDEAN.compare(query, data[i])));
          Set<Integer> truth = new HashSet<>(Arrays.asList(ids).subList(0, K));
          for (ScoreDoc hit : top.scoreDocs) {
            int id =
                reader.storedFields().document(hit.doc).getField("id").numericValue().intValue();
            hits += truth.contains(id) ? 1 : 0;
          }
        }
        assertTrue("byte recall@10=" + hits / (QUERIES * K), hits / (QUERIES * K) >= 0.95);
        // the byte query's knobs reach the reader, as the float query's do
        DiskAnnSearchStats shortList = new DiskAnnSearchStats();
        DiskAnnSearchStats longList = new DiskAnnSearchStats();
        byte[] query = data[0];
        searcher.search(new DiskAnnKnnByteVectorQuery("v", query, K, null, K, 1, shortList), K);
        searcher.search(new DiskAnnKnnByteVectorQuery("v", query, K, null, 200, 1, longList), K);
        assertTrue(
            shortList.nodesExpanded() + " vs " + longList.nodesExpanded(),
            longList.nodesExpanded() > shortList.nodesExpanded());
        assertEquals(
            new DiskAnnKnnByteVectorQuery("v", query, K, null, 50, 2, null),
            new DiskAnnKnnByteVectorQuery("v", query, K, null, 50, 2, null));
        assertFalse(
            new DiskAnnKnnByteVectorQuery("v", query, K, null, 50, 2, null)
                .equals(new DiskAnnKnnByteVectorQuery("v", query, K, null, 60, 2, null)));
      }
    }
  }

  private record Outcome(double recall, DiskAnnSearchStats stats, int[] firstResults) {}

  /**
   * Indexes clustered data in {@code segments} flushes merged into one, runs the queries and
   * returns mean recall@10 against brute force over the accepted documents; checks every returned
   * score is exact.
   *
   * @param searchListSize query-time list size, 0 for the segment's
   * @param accepted documents the filter lets through, null for no filter
   */
  private Outcome run(
      VectorSimilarityFunction similarity,
      DiskAnnParameters parameters,
      int segments,
      int searchListSize,
      IntPredicate accepted)
      throws IOException {
    Random random = new Random(7);
    float[][] data = ClusteredVectors.generate(random, COUNT, dimension, 50, 0.3f, 1f);
    float[][] queries = ClusteredVectors.generate(random, QUERIES, dimension, 50, 0.3f, 1f);
    if (similarity == VectorSimilarityFunction.DOT_PRODUCT) {
      Arrays.stream(data).forEach(VectorUtil::l2normalize);
      Arrays.stream(queries).forEach(VectorUtil::l2normalize);
    }
    DiskAnnSearchStats stats = new DiskAnnSearchStats();
    // a plain file-system directory: direct I/O needs real files (MockDirectoryWrapper's throttling
    // would dominate)
    try (Directory directory = new MMapDirectory(createTempDir("diskann"))) {
      index(directory, data, similarity, parameters, segments, accepted);
      try (DirectoryReader reader =
          DirectoryReader.open(new DiskAnnServingDirectory(directory, readSettings))) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query filter = accepted == null ? null : IntPoint.newExactQuery("accepted", 1);
        double hits = 0;
        int[] firstResults = null;
        for (float[] query : queries) {
          Query knn =
              new DiskAnnKnnFloatVectorQuery("v", query, K, filter, searchListSize, 0, stats);
          TopDocs top = searcher.search(knn, K);
          Set<Integer> truth = exactTop(similarity, data, query, accepted);
          int[] ids = new int[top.scoreDocs.length];
          for (int r = 0; r < ids.length; r++) {
            ScoreDoc hit = top.scoreDocs[r];
            int id =
                reader.storedFields().document(hit.doc).getField("id").numericValue().intValue();
            ids[r] = id;
            assertEquals(
                "score of id " + id, similarity.compare(query, data[id]), hit.score, 1e-5f);
            assertTrue("id " + id + " passed the filter", accepted == null || accepted.test(id));
            hits += truth.contains(id) ? 1 : 0;
          }
          assertEquals(K, ids.length);
          firstResults = firstResults == null ? ids : firstResults;
        }
        return new Outcome(hits / (QUERIES * K), stats, firstResults);
      }
    }
  }

  /** Writes {@code data} in {@code segments} flushes, force-merged into one; ids are stored. */
  private void index(
      Directory directory,
      float[][] data,
      VectorSimilarityFunction similarity,
      DiskAnnParameters parameters,
      int segments,
      IntPredicate accepted)
      throws IOException {
    // these tests search graphs: every segment gets one when merged, a single flushed one too
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(new DiskAnnVectorsFormat(parameters.withGraphThreshold(0))))
            .setMergePolicy(new GraphMergePolicy(new TieredMergePolicy()));
    config.setMaxBufferedDocs(data.length / segments + 1);
    config.setInfoStream(infoStream);
    config.setUseCompoundFile(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < data.length; i++) {
        Document doc = new Document();
        doc.add(new StoredField("id", i));
        doc.add(new IntPoint("accepted", accepted == null || accepted.test(i) ? 1 : 0));
        doc.add(new KnnFloatVectorField("v", data[i], similarity));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
  }

  private static Set<Integer> exactTop(
      VectorSimilarityFunction similarity, float[][] data, float[] query, IntPredicate accepted) {
    Integer[] ids =
        IntStream.range(0, data.length)
            .filter(i -> accepted == null || accepted.test(i))
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(ids, Comparator.comparingDouble(i -> -similarity.compare(query, data[i])));
    return new HashSet<>(Arrays.asList(ids).subList(0, K));
  }
}
