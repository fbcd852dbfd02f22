package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * Flips bytes at the start, in the middle and at the end of every file the format writes: opening the index or
 * checking it must fail with {@link CorruptIndexException}, never hang, crash or answer wrongly.
 */
public class PqHnswCorruptionTest extends LuceneTestCase {
  private static final String[] FORMAT_EXTENSIONS = {"pqm", "pqc", "vec", "vemf", "vex", "vem"};

  public void testFlippedBytesAreDetected() throws IOException {
    try (Directory pristine = new ByteBuffersDirectory()) {
      writeIndex(pristine);
      List<String> files = formatFiles(pristine);
      assertEquals("one file per extension: " + files, FORMAT_EXTENSIONS.length, files.size());
      for (String file : files) {
        long length = pristine.fileLength(file);
        for (long position : new long[] {0, 5, length / 2, length - 9, length - 1}) {
          try (Directory copy = copyWithFlippedByte(pristine, file, position)) {
            expectCorrupt(copy, file + " @" + position);
          }
        }
      }
    }
  }

  public void testTruncatedFilesAreDetected() throws IOException {
    try (Directory pristine = new ByteBuffersDirectory()) {
      writeIndex(pristine);
      for (String file : formatFiles(pristine)) {
        try (Directory copy = copyTruncated(pristine, file, pristine.fileLength(file) / 2)) {
          expectCorrupt(copy, file + " truncated");
        }
      }
    }
  }

  /** Opening reads meta files whole and checks data-file headers and footers; checkIntegrity the rest. */
  private static void expectCorrupt(Directory directory, String what) {
    Throwable thrown =
        expectThrows(
            Throwable.class,
            () -> {
              try (DirectoryReader reader = DirectoryReader.open(directory)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                  ((CodecReader) leaf.reader()).checkIntegrity();
                }
              }
            });
    assertTrue(what + ": expected CorruptIndexException, got " + thrown, isCorruption(thrown));
  }

  /** Lucene reports a checksum mismatch found after another failure as a suppressed exception. */
  private static boolean isCorruption(Throwable thrown) {
    if (thrown instanceof CorruptIndexException) {
      return true;
    }
    for (Throwable suppressed : thrown.getSuppressed()) {
      if (suppressed instanceof CorruptIndexException) {
        return true;
      }
    }
    return false;
  }

  private static void writeIndex(Directory directory) throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig().setCodec(new AnnscaleCodec()).setMergePolicy(NoMergePolicy.INSTANCE);
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
    }
  }

  private static List<String> formatFiles(Directory directory) throws IOException {
    List<String> files = new ArrayList<>();
    for (String file : directory.listAll()) {
      for (String extension : FORMAT_EXTENSIONS) {
        if (file.endsWith("." + extension)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  private static Directory copyWithFlippedByte(Directory source, String target, long position)
      throws IOException {
    return copy(source, target, position, Long.MAX_VALUE);
  }

  private static Directory copyTruncated(Directory source, String target, long newLength) throws IOException {
    return copy(source, target, -1, newLength);
  }

  private static Directory copy(Directory source, String target, long flipAt, long maxLength)
      throws IOException {
    Directory copy = new ByteBuffersDirectory();
    for (String file : source.listAll()) {
      try (IndexInput in = source.openInput(file, IOContext.READONCE);
          IndexOutput out = copy.createOutput(file, IOContext.DEFAULT)) {
        long length = file.equals(target) ? Math.min(in.length(), maxLength) : in.length();
        for (long i = 0; i < length; i++) {
          byte b = in.readByte();
          out.writeByte(file.equals(target) && i == flipAt ? (byte) ~b : b);
        }
      }
    }
    return copy;
  }
}
