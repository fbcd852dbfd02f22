package io.annscale.codec.testutil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * Copies of an index with one file damaged, and the check that opening or verifying them reports
 * corruption.
 */
public final class DamagedCopies {
  private DamagedCopies() {}

  /** The directory's files whose names end with one of the extensions. */
  public static List<String> filesWithExtensions(Directory directory, String... extensions)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (String file : directory.listAll()) {
      for (String extension : extensions) {
        if (file.endsWith("." + extension)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /** A copy with the byte at {@code position} of {@code target} inverted. */
  public static Directory withFlippedByte(Directory source, String target, long position)
      throws IOException {
    return copy(source, target, position, Long.MAX_VALUE);
  }

  /** A copy with {@code target} cut to {@code newLength} bytes. */
  public static Directory truncated(Directory source, String target, long newLength)
      throws IOException {
    return copy(source, target, -1, newLength);
  }

  /**
   * Opening the index and checking every segment's integrity must fail with {@link
   * CorruptIndexException}.
   */
  public static void expectCorrupt(Directory directory, String what) {
    Throwable thrown =
        LuceneTestCase.expectThrows(
            Throwable.class,
            () -> {
              try (DirectoryReader reader = DirectoryReader.open(directory)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                  ((CodecReader) leaf.reader()).checkIntegrity();
                }
              }
            });
    LuceneTestCase.assertTrue(
        what + ": expected CorruptIndexException, got " + thrown, isCorruption(thrown));
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
