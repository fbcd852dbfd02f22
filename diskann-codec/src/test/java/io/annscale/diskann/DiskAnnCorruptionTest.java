package io.annscale.diskann;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.GraphMergePolicy;
import io.annscale.codec.testutil.DamagedCopies;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * Damaged files: flipped bytes at the start, middle and end of every file the format writes, and
 * truncation, must fail opening or {@code checkIntegrity} with {@link CorruptIndexException}. Node
 * blocks are not checksummed per query, so damage inside them, searched without {@code
 * checkIntegrity}, must either go unnoticed (a wrong vector is still a vector) or fail with {@link
 * CorruptIndexException}: never hang, never an out-of-bounds error.
 */
public class DiskAnnCorruptionTest extends LuceneTestCase {
  private static final String[] EXTENSIONS = {"dam", "dan", "dap"};
  private static final int DIMENSION = 16;
  private static final int DOCS = 600;

  public void testFlippedBytesAreDetected() throws IOException {
    for (int cacheMegabytes : new int[] {0, 1}) {
      try (Directory pristine = new ByteBuffersDirectory()) {
        writeIndex(pristine, cacheMegabytes);
        List<String> files = DamagedCopies.filesWithExtensions(pristine, EXTENSIONS);
        assertEquals("one file per extension: " + files, EXTENSIONS.length, files.size());
        for (String file : files) {
          long length = pristine.fileLength(file);
          for (long position : new long[] {0, 5, length / 2, length - 9, length - 1}) {
            try (Directory copy = DamagedCopies.withFlippedByte(pristine, file, position)) {
              DamagedCopies.expectCorrupt(copy, file + " @" + position);
            }
          }
        }
      }
    }
  }

  public void testTruncatedFilesAreDetected() throws IOException {
    try (Directory pristine = new ByteBuffersDirectory()) {
      writeIndex(pristine, 0);
      for (String file : DamagedCopies.filesWithExtensions(pristine, EXTENSIONS)) {
        try (Directory copy =
            DamagedCopies.truncated(pristine, file, pristine.fileLength(file) / 2)) {
          DamagedCopies.expectCorrupt(copy, file + " truncated");
        }
      }
    }
  }

  /** Every byte of the first node sectors flipped in turn; searches run without checkIntegrity. */
  public void testDamagedNodeBlocksNeverHangOrOverrun() throws IOException {
    try (Directory pristine = new ByteBuffersDirectory()) {
      writeIndex(pristine, 0);
      String nodes =
          DamagedCopies.filesWithExtensions(pristine, EXTENSIONS).stream()
              .filter(f -> f.endsWith(".dan"))
              .findFirst()
              .orElseThrow();
      Random random = new Random(5);
      int detected = 0;
      for (int trial = 0; trial < 200; trial++) {
        long position =
            NodeBlockLayout.SECTOR_BYTES + random.nextInt(4 * NodeBlockLayout.SECTOR_BYTES);
        try (Directory copy = DamagedCopies.withFlippedByte(pristine, nodes, position);
            DirectoryReader reader = DirectoryReader.open(copy)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          for (int q = 0; q < 5; q++) {
            searcher.search(new KnnFloatVectorQuery("v", randomVector(random), 10), 10);
          }
        } catch (CorruptIndexException e) {
          detected++;
        }
      }
      // degrees and neighbour ids are a third of each block: some flips must have been caught in
      // search
      assertTrue("damage detected in search " + detected + " of 200 times", detected > 0);
    }
  }

  private static void writeIndex(Directory directory, int cacheMegabytes) throws IOException {
    DiskAnnParameters parameters =
        DiskAnnParameters.DEFAULT
            .withMaxDegree(16)
            .withCacheMegabytes(cacheMegabytes)
            .withGraphThreshold(0);
    // every flushed segment is rewritten on its own with a graph, whose blocks are then damaged
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(new DiskAnnVectorsFormat(parameters)))
            .setMergePolicy(new GraphMergePolicy(NoMergePolicy.INSTANCE));
    config.setUseCompoundFile(false);
    Random random = new Random(3);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < DOCS; i++) {
        Document doc = new Document();
        doc.add(
            new KnnFloatVectorField("v", randomVector(random), VectorSimilarityFunction.EUCLIDEAN));
        writer.addDocument(doc);
      }
    }
  }

  private static float[] randomVector(Random random) {
    float[] vector = new float[DIMENSION];
    for (int t = 0; t < vector.length; t++) {
      vector[t] = (float) random.nextGaussian();
    }
    return vector;
  }
}
