package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.testutil.FlatSegmentsTestCase;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * PQ-HNSW's flushes write the raw vectors alone (no graph, no PQ); its merges build both from the
 * graph threshold up.
 */
public class PqHnswFlatSegmentsTest extends FlatSegmentsTestCase {
  @Override
  protected KnnVectorsFormat format(int graphThreshold) {
    return new PqHnswVectorsFormat(
        Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
        Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
        PqParameters.DEFAULT,
        graphThreshold,
        1,
        null);
  }

  @Override
  protected boolean hasGraph(KnnVectorsReader segmentReader, String field) {
    return segmentReader instanceof PqHnswVectorsReader;
  }

  public void testFlushedSegmentHoldsOnlyTheRawVectors() throws IOException {
    try (Directory directory = new MMapDirectory(createTempDir("flat-files"))) {
      IndexWriterConfig config =
          new IndexWriterConfig()
              .setCodec(new AnnscaleCodec(format(0)))
              .setMergePolicy(NoMergePolicy.INSTANCE)
              .setUseCompoundFile(false);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < 500; i++) {
          Document doc = new Document();
          doc.add(
              new KnnFloatVectorField(
                  "v", new float[] {i, 1, 2, 3}, VectorSimilarityFunction.EUCLIDEAN));
          writer.addDocument(doc);
        }
        writer.commit();
      }
      List<SegmentCommitInfo> segments = SegmentInfos.readLatestCommit(directory).asList();
      assertEquals(1, segments.size());
      for (String file : segments.get(0).files()) {
        // the graph (.vex, .vem) and the PQ files (.pqm, .pqc) are the merge's to write
        assertFalse(file, file.matches(".*\\.(vex|vem|pqm|pqc)$"));
      }
      assertTrue(
          segments.get(0).files().toString(),
          segments.get(0).files().stream().anyMatch(f -> f.endsWith(".vec")));
    }
  }
}
