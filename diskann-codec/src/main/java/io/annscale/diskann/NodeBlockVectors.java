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
    return new FloatBlocks(entry, region.clone(), positions, ordinals, ordinals.cursor());
  }

  /**
   * @param positions the field's ordinal-to-position map: int32 per ordinal
   */
  static ByteVectorValues bytes(
      DiskAnnFieldEntry entry, IndexInput region, RandomAccessInput positions, DocOrdinals ordinals)
      throws IOException {
    return new ByteBlocks(entry, region.clone(), positions, ordinals, ordinals.cursor());
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

  static final class FloatBlocks extends FloatVectorValues
      implements RandomAccessVectorValues.Floats {
    private final DiskAnnFieldEntry entry;
    private final IndexInput region;
    private final RandomAccessInput positions;
    private final DocOrdinals ordinals;
    private final DocOrdinals.Cursor cursor;
    private final float[] vector;
    private int vectorOrd = -1;

    FloatBlocks(
        DiskAnnFieldEntry entry,
        IndexInput region,
        RandomAccessInput positions,
        DocOrdinals ordinals,
        DocOrdinals.Cursor cursor) {
      this.entry = entry;
      this.region = region;
      this.positions = positions;
      this.ordinals = ordinals;
      this.cursor = cursor;
      this.vector = new float[entry.dimension()];
    }

    @Override
    public float[] vectorValue(int ord) throws IOException {
      if (ord != vectorOrd) {
        region.seek(blockOffset(entry, positions, ord));
        region.readFloats(vector, 0, vector.length);
        vectorOrd = ord;
      }
      return vector;
    }

    @Override
    public float[] vectorValue() throws IOException {
      return vectorValue(cursor.ord());
    }

    @Override
    public int dimension() {
      return entry.dimension();
    }

    @Override
    public int size() {
      return entry.size();
    }

    @Override
    public int docID() {
      return cursor.docs.docID();
    }

    @Override
    public int nextDoc() throws IOException {
      return cursor.docs.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return cursor.docs.advance(target);
    }

    @Override
    public FloatBlocks copy() throws IOException {
      return new FloatBlocks(entry, region.clone(), positions, ordinals, ordinals.cursor());
    }

    @Override
    public int ordToDoc(int ord) {
      return ordinals.ordToDoc(ord);
    }

    @Override
    public Bits getAcceptOrds(Bits acceptDocs) {
      return ordinals.acceptOrds(acceptDocs);
    }

    @Override
    public VectorScorer scorer(float[] query) throws IOException {
      if (size() == 0) {
        return null;
      }
      FloatBlocks values = copy();
      VectorSimilarityFunction similarity = entry.similarity();
      return new VectorScorer() {
        @Override
        public float score() throws IOException {
          return similarity.compare(query, values.vectorValue());
        }

        @Override
        public DocIdSetIterator iterator() {
          return values;
        }
      };
    }
  }

  static final class ByteBlocks extends ByteVectorValues implements RandomAccessVectorValues.Bytes {
    private final DiskAnnFieldEntry entry;
    private final IndexInput region;
    private final RandomAccessInput positions;
    private final DocOrdinals ordinals;
    private final DocOrdinals.Cursor cursor;
    private final byte[] vector;
    private int vectorOrd = -1;

    ByteBlocks(
        DiskAnnFieldEntry entry,
        IndexInput region,
        RandomAccessInput positions,
        DocOrdinals ordinals,
        DocOrdinals.Cursor cursor) {
      this.entry = entry;
      this.region = region;
      this.positions = positions;
      this.ordinals = ordinals;
      this.cursor = cursor;
      this.vector = new byte[entry.dimension()];
    }

    @Override
    public byte[] vectorValue(int ord) throws IOException {
      if (ord != vectorOrd) {
        region.seek(blockOffset(entry, positions, ord));
        region.readBytes(vector, 0, vector.length);
        vectorOrd = ord;
      }
      return vector;
    }

    @Override
    public byte[] vectorValue() throws IOException {
      return vectorValue(cursor.ord());
    }

    @Override
    public int dimension() {
      return entry.dimension();
    }

    @Override
    public int size() {
      return entry.size();
    }

    @Override
    public int docID() {
      return cursor.docs.docID();
    }

    @Override
    public int nextDoc() throws IOException {
      return cursor.docs.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return cursor.docs.advance(target);
    }

    @Override
    public ByteBlocks copy() throws IOException {
      return new ByteBlocks(entry, region.clone(), positions, ordinals, ordinals.cursor());
    }

    @Override
    public int ordToDoc(int ord) {
      return ordinals.ordToDoc(ord);
    }

    @Override
    public Bits getAcceptOrds(Bits acceptDocs) {
      return ordinals.acceptOrds(acceptDocs);
    }

    @Override
    public VectorScorer scorer(byte[] query) throws IOException {
      if (size() == 0) {
        return null;
      }
      ByteBlocks values = copy();
      VectorSimilarityFunction similarity = entry.similarity();
      return new VectorScorer() {
        @Override
        public float score() throws IOException {
          return similarity.compare(query, values.vectorValue());
        }

        @Override
        public DocIdSetIterator iterator() {
          return values;
        }
      };
    }
  }
}
