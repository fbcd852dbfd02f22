package io.annscale.bench.run;

import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/** Heap held by an index's vector readers: what a format keeps in memory beyond the page cache. */
public final class VectorReaderHeap {
  private VectorReaderHeap() {}

  /**
   * {@code KnnVectorsReader.ramBytesUsed} summed over every segment; -1 when a reader cannot tell
   * (Lucene 9.12's {@code Lucene99HnswVectorsReader.ramBytesUsed} throws a NullPointerException for
   * graphs it has not loaded level lists for; its heap is small: the graph is off heap).
   */
  public static long bytes(IndexReader reader) {
    long bytes = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader() instanceof CodecReader codecReader
          && codecReader.getVectorReader() != null) {
        try {
          bytes += codecReader.getVectorReader().ramBytesUsed();
        } catch (NullPointerException e) {
          return -1;
        }
      }
    }
    return bytes;
  }
}
