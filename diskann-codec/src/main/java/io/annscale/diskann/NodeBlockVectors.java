package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/**
 * The vectors stored in a field's node blocks, as Lucene's iterator and random-access views by
 * ordinal: each read looks up the ordinal's position, seeks to its block ({@link
 * NodeBlockLayout#offset}) and reads only the vector. Used by exact search, merges and {@code
 * CheckIndex}; graph search reads whole blocks instead.
 */
final class NodeBlockVectors {
  private NodeBlockVectors() {}

  /**
   * @param positions the field's ordinal-to-position map: int32 per ordinal
   */
  static FloatVectorValues floats(
      DiskAnnFieldEntry entry, IndexInput region, RandomAccessInput positions, DocOrdinals ordinals)
      throws IOException {
    return new FloatBlocks(new BlockReads(entry, region.clone(), positions, ordinals));
  }

  /**
   * @param positions the field's ordinal-to-position map: int32 per ordinal
   */
  static ByteVectorValues bytes(
      DiskAnnFieldEntry entry, IndexInput region, RandomAccessInput positions, DocOrdinals ordinals)
      throws IOException {
    return new ByteBlocks(new BlockReads(entry, region.clone(), positions, ordinals));
  }

  /** The byte offset in the node region of {@code ord}'s block. */
  static long blockOffset(DiskAnnFieldEntry entry, RandomAccessInput positions, int ord)
      throws IOException {
    int position = positions.readInt(4L * ord);
    if (position < 0 || position >= entry.size()) {
      throw new CorruptIndexException(
          "ordinal " + ord + ": position " + position + " not in 0.." + (entry.size() - 1),
          positions.toString());
    }
    return entry.layout().offset(position);
  }

  /**
   * What the float and byte views share: the field, its node region, the ordinal-to-position map
   * and the document iteration; each view only reads its vector type.
   */
  private static final class BlockReads {
    final DiskAnnFieldEntry entry;
    final IndexInput region;
    final RandomAccessInput positions;
    final DocOrdinals ordinals;
    final DocOrdinals.Cursor cursor;
    private int vectorOrd = -1;

    BlockReads(
        DiskAnnFieldEntry entry,
        IndexInput region,
        RandomAccessInput positions,
        DocOrdinals ordinals)
        throws IOException {
      this.entry = entry;
      this.region = region;
      this.positions = positions;
      this.ordinals = ordinals;
      this.cursor = ordinals.cursor();
    }

    /** A copy with its own file position and iteration. */
    BlockReads copy() throws IOException {
      return new BlockReads(entry, region.clone(), positions, ordinals);
    }

    /**
     * Positions the region at {@code ord}'s vector, or returns false when the last vector read is
     * that one.
     */
    boolean seek(int ord) throws IOException {
      if (ord == vectorOrd) {
        return false;
      }
      region.seek(blockOffset(entry, positions, ord));
      vectorOrd = ord;
      return true;
    }
  }

  static final class FloatBlocks extends FloatVectorValues
      implements RandomAccessVectorValues.Floats {
    private final BlockReads reads;
    private final float[] vector;

    private FloatBlocks(BlockReads reads) {
      this.reads = reads;
      this.vector = new float[reads.entry.dimension()];
    }

    @Override
    public float[] vectorValue(int ord) throws IOException {
      if (reads.seek(ord)) {
        reads.region.readFloats(vector, 0, vector.length);
      }
      return vector;
    }

    @Override
    public float[] vectorValue() throws IOException {
      return vectorValue(reads.cursor.ord());
    }

    @Override
    public int dimension() {
      return reads.entry.dimension();
    }

    @Override
    public int size() {
      return reads.entry.size();
    }

    @Override
    public int docID() {
      return reads.cursor.docs.docID();
    }

    @Override
    public int nextDoc() throws IOException {
      return reads.cursor.docs.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return reads.cursor.docs.advance(target);
    }

    @Override
    public FloatBlocks copy() throws IOException {
      return new FloatBlocks(reads.copy());
    }

    @Override
    public int ordToDoc(int ord) {
      return reads.ordinals.ordToDoc(ord);
    }

    @Override
    public Bits getAcceptOrds(Bits acceptDocs) {
      return reads.ordinals.acceptOrds(acceptDocs);
    }

    @Override
    public VectorScorer scorer(float[] query) throws IOException {
      if (size() == 0) {
        return null;
      }
      FloatBlocks values = copy();
      VectorSimilarityFunction similarity = reads.entry.similarity();
      return exactScorer(values, () -> similarity.compare(query, values.vectorValue()));
    }
  }

  static final class ByteBlocks extends ByteVectorValues implements RandomAccessVectorValues.Bytes {
    private final BlockReads reads;
    private final byte[] vector;

    private ByteBlocks(BlockReads reads) {
      this.reads = reads;
      this.vector = new byte[reads.entry.dimension()];
    }

    @Override
    public byte[] vectorValue(int ord) throws IOException {
      if (reads.seek(ord)) {
        reads.region.readBytes(vector, 0, vector.length);
      }
      return vector;
    }

    @Override
    public byte[] vectorValue() throws IOException {
      return vectorValue(reads.cursor.ord());
    }

    @Override
    public int dimension() {
      return reads.entry.dimension();
    }

    @Override
    public int size() {
      return reads.entry.size();
    }

    @Override
    public int docID() {
      return reads.cursor.docs.docID();
    }

    @Override
    public int nextDoc() throws IOException {
      return reads.cursor.docs.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return reads.cursor.docs.advance(target);
    }

    @Override
    public ByteBlocks copy() throws IOException {
      return new ByteBlocks(reads.copy());
    }

    @Override
    public int ordToDoc(int ord) {
      return reads.ordinals.ordToDoc(ord);
    }

    @Override
    public Bits getAcceptOrds(Bits acceptDocs) {
      return reads.ordinals.acceptOrds(acceptDocs);
    }

    @Override
    public VectorScorer scorer(byte[] query) throws IOException {
      if (size() == 0) {
        return null;
      }
      ByteBlocks values = copy();
      VectorSimilarityFunction similarity = reads.entry.similarity();
      return exactScorer(values, () -> similarity.compare(query, values.vectorValue()));
    }
  }

  /** A score of the current document's vector. */
  @FunctionalInterface
  private interface CurrentScore {
    float score() throws IOException;
  }

  /** Lucene's exact-search scorer over {@code values}, iterating its documents. */
  private static VectorScorer exactScorer(DocIdSetIterator values, CurrentScore score) {
    return new VectorScorer() {
      @Override
      public float score() throws IOException {
        return score.score();
      }

      @Override
      public DocIdSetIterator iterator() {
        return values;
      }
    };
  }
}
