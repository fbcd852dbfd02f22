package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.testutil.DamagedCopies;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * Flips bytes at the start, in the middle and at the end of every file the format writes: opening
 * the index or checking it must fail with {@link CorruptIndexException}, never hang, crash or
 * answer wrongly.
 */
public class PqHnswCorruptionTest extends LuceneTestCase {
  private static final String[] FORMAT_EXTENSIONS = {"pqm", "pqc", "vec", "vemf", "vex", "vem"};

  public void testFlippedBytesAreDetected() throws IOException {
    try (Directory pristine = new ByteBuffersDirectory()) {
      writeIndex(pristine);
      List<String> files = DamagedCopies.filesWithExtensions(pristine, FORMAT_EXTENSIONS);
      assertEquals("one file per extension: " + files, FORMAT_EXTENSIONS.length, files.size());
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

  public void testTruncatedFilesAreDetected() throws IOException {
    try (Directory pristine = new ByteBuffersDirectory()) {
      writeIndex(pristine);
      for (String file : DamagedCopies.filesWithExtensions(pristine, FORMAT_EXTENSIONS)) {
        try (Directory copy =
            DamagedCopies.truncated(pristine, file, pristine.fileLength(file) / 2)) {
          DamagedCopies.expectCorrupt(copy, file + " truncated");
        }
      }
    }
  }

  private static void writeIndex(Directory directory) throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(GraphAtEveryMerge.format(PqParameters.DEFAULT)))
            .setMergePolicy(GraphAtEveryMerge.policy(NoMergePolicy.INSTANCE));
    config.setUseCompoundFile(false);
    Random random = new Random(3);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < 600; i++) {
        float[] vector = new float[16];
        for (int t = 0; t < vector.length; t++) {
          vector[t] = (float) random.nextGaussian();
        }
        Document doc = new Document();
        doc.add(new KnnFloatVectorField("v", vector, VectorSimilarityFunction.EUCLIDEAN));
        writer.addDocument(doc);
      }
      // the flush writes the raw vectors alone; this merge writes the graph and the PQ files
      writer.forceMerge(1);
    }
  }
}
