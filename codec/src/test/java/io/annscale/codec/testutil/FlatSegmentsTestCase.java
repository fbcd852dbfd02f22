package io.annscale.codec.testutil;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.GraphMergePolicy;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * For a format whose flush writes no graph: merges build one from the graph threshold up, and
 * {@link GraphMergePolicy} gives a large flushed segment its graph on its own and merges small ones
 * together until they get one. Segments without a graph are searched exactly.
 */
public abstract class FlatSegmentsTestCase extends LuceneTestCase {
  private static final int DIMENSION = 32;
  private static final int COUNT = 3000;
  private static final int QUERIES = 30;
  private static final int K = 10;
  private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.EUCLIDEAN;

  /** The format under test, building graphs at merges of at least {@code graphThreshold}. */
  protected abstract KnnVectorsFormat format(int graphThreshold);

  /** Whether the format's reader of one segment searches {@code field} on a graph. */
  protected abstract boolean hasGraph(KnnVectorsReader segmentReader, String field)
      throws IOException;

  private final Random random = new Random(11);
  private final float[][] data = ClusteredVectors.generate(random, COUNT, DIMENSION, 50, 0.3f, 1f);
  private final float[][] queries =
      ClusteredVectors.generate(random, QUERIES, DIMENSION, 50, 0.3f, 1f);

  public void testFlushWritesNoGraphAndTheMergePolicyBuildsIt() throws IOException {
    KnnVectorsFormat format = format(1000);
    try (Directory directory = new MMapDirectory(createTempDir("flat"))) {
      // one flush of 3,000 vectors, and no merge
      write(directory, format, NoMergePolicy.INSTANCE, COUNT, false);
      List<SegmentCommitInfo> segments = SegmentInfos.readLatestCommit(directory).asList();
      assertEquals(1, segments.size());
      assertTrue("marked for its graph", GraphMergePolicy.graphPending(segments.get(0)));
      assertEquals(COUNT, GraphMergePolicy.vectorsWithoutGraph(segments.get(0)));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertFalse("a flushed segment has no graph", hasGraph(reader));
        assertEquals("searched exactly", 1.0, recall(reader), 0.0);
      }

      // the policy merges the marked segment alone, although the wrapped one merges nothing
      write(directory, format, new GraphMergePolicy(NoMergePolicy.INSTANCE), 0, true);
      segments = SegmentInfos.readLatestCommit(directory).asList();
      assertEquals(1, segments.size());
      assertFalse(GraphMergePolicy.graphPending(segments.get(0)));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(COUNT, reader.numDocs());
        assertTrue("the merge built the graph", hasGraph(reader));
        double recall = recall(reader);
        assertTrue("recall@10 on the graph " + recall, recall >= 0.95);
      }
    }
  }

  public void testSmallFlushesAreMergedTogetherUntilTheyGetAGraph() throws IOException {
    KnnVectorsFormat format = format(1000);
    try (Directory directory = new MMapDirectory(createTempDir("flat"))) {
      // six flushes of 500, and a wrapped policy that merges nothing
      write(directory, format, new GraphMergePolicy(NoMergePolicy.INSTANCE), 500, false);
      List<SegmentCommitInfo> segments = SegmentInfos.readLatestCommit(directory).asList();
      assertEquals("pairs of flushes merged: " + segments, 3, segments.size());
      for (SegmentCommitInfo segment : segments) {
        assertEquals(0, GraphMergePolicy.vectorsWithoutGraph(segment));
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(COUNT, reader.numDocs());
        for (LeafReaderContext leaf : reader.leaves()) {
          assertTrue("segment " + leaf.ord + " has its graph", hasGraph(leaf));
        }
        double recall = recall(reader);
        assertTrue("recall@10 on the graphs " + recall, recall >= 0.95);
      }
    }
  }

  public void testSegmentsBelowTheThresholdStayWithoutGraphWhenMerged() throws IOException {
    KnnVectorsFormat format = format(COUNT + 1);
    try (Directory directory = new MMapDirectory(createTempDir("flat"))) {
      write(directory, format, new GraphMergePolicy(new TieredMergePolicy()), COUNT / 3 + 1, true);
      List<SegmentCommitInfo> segments = SegmentInfos.readLatestCommit(directory).asList();
      assertEquals(1, segments.size());
      assertFalse(GraphMergePolicy.graphPending(segments.get(0)));
      assertEquals(COUNT, GraphMergePolicy.vectorsWithoutGraph(segments.get(0)));
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertEquals(COUNT, reader.numDocs());
        assertFalse("3,000 merged vectors are below the threshold", hasGraph(reader));
        assertEquals(1.0, recall(reader), 0.0);
      }
    }
  }

  /**
   * Adds every vector in flushes of {@code maxBufferedDocs} (0: adds none) and, if {@code
   * forceMerge}, merges to one segment.
   */
  private void write(
      Directory directory,
      KnnVectorsFormat format,
      MergePolicy policy,
      int maxBufferedDocs,
      boolean forceMerge)
      throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(format))
            .setMergePolicy(policy)
            .setUseCompoundFile(false);
    if (maxBufferedDocs > 0) {
      config.setMaxBufferedDocs(maxBufferedDocs);
    }
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; maxBufferedDocs > 0 && i < data.length; i++) {
        Document doc = new Document();
        doc.add(new StoredField("id", i));
        doc.add(new KnnFloatVectorField("v", data[i], SIMILARITY));
        writer.addDocument(doc);
      }
      if (forceMerge) {
        writer.forceMerge(1);
      }
      writer.commit();
    }
  }

  private boolean hasGraph(DirectoryReader reader) throws IOException {
    boolean graph = false;
    for (LeafReaderContext leaf : reader.leaves()) {
      graph |= hasGraph(leaf);
    }
    return graph;
  }

  private boolean hasGraph(LeafReaderContext leaf) throws IOException {
    KnnVectorsReader vectors = ((CodecReader) leaf.reader()).getVectorReader();
    if (vectors instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
      vectors = perField.getFieldReader("v");
    }
    return hasGraph(vectors, "v");
  }

  /** Mean recall@10 against brute force; every returned score must be exact. */
  private double recall(DirectoryReader reader) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    double hits = 0;
    for (float[] query : queries) {
      TopDocs top = searcher.search(new KnnFloatVectorQuery("v", query, K), K);
      assertEquals(K, top.scoreDocs.length);
      Set<Integer> truth = exactTop(query);
      for (ScoreDoc hit : top.scoreDocs) {
        int id = reader.storedFields().document(hit.doc).getField("id").numericValue().intValue();
        assertEquals("score of id " + id, SIMILARITY.compare(query, data[id]), hit.score, 1e-5f);
        hits += truth.contains(id) ? 1 : 0;
      }
    }
    return hits / (QUERIES * K);
  }

  private Set<Integer> exactTop(float[] query) {
    Integer[] ids = IntStream.range(0, COUNT).boxed().toArray(Integer[]::new);
    Arrays.sort(ids, Comparator.comparingDouble(i -> -SIMILARITY.compare(query, data[i])));
    return new HashSet<>(Arrays.asList(ids).subList(0, K));
  }
}
