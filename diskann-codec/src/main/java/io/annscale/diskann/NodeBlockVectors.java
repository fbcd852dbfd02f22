package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/**
 * The vectors stored in a field's node blocks, as Lucene's iterator and random-access views: each read seeks to
 * the block ({@link NodeBlockLayout#offset}) and reads only its vector part. Used by exact search, merges and
 * {@code CheckIndex}; graph search reads whole blocks instead.
 */
final class NodeBlockVectors {
  private NodeBlockVectors() {}

  static FloatVectorValues floats(DiskAnnFieldEntry entry, IndexInput region, DocOrdinals ordinals)
      throws IOException {
    return new FloatBlocks(entry, region.clone(), ordinals, ordinals.cursor());
  }

  static ByteVectorValues bytes(DiskAnnFieldEntry entry, IndexInput region, DocOrdinals ordinals)
      throws IOException {
    return new ByteBlocks(entry, region.clone(), ordinals, ordinals.cursor());
  }

  static final class FloatBlocks extends FloatVectorValues implements RandomAccessVectorValues.Floats {
    private final DiskAnnFieldEntry entry;
    private final NodeBlockLayout layout;
    private final IndexInput region;
    private final DocOrdinals ordinals;
    private final DocOrdinals.Cursor cursor;
    private final float[] vector;
    private int vectorOrd = -1;

    FloatBlocks(DiskAnnFieldEntry entry, IndexInput region, DocOrdinals ordinals, DocOrdinals.Cursor cursor) {
      this.entry = entry;
      this.layout = entry.layout();
      this.region = region;
      this.ordinals = ordinals;
      this.cursor = cursor;
      this.vector = new float[entry.dimension()];
    }

    @Override
    public float[] vectorValue(int ord) throws IOException {
      if (ord != vectorOrd) {
        region.seek(layout.offset(ord));
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
      return new FloatBlocks(entry, region.clone(), ordinals, ordinals.cursor());
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
    private final NodeBlockLayout layout;
    private final IndexInput region;
    private final DocOrdinals ordinals;
    private final DocOrdinals.Cursor cursor;
    private final byte[] vector;
    private int vectorOrd = -1;

    ByteBlocks(DiskAnnFieldEntry entry, IndexInput region, DocOrdinals ordinals, DocOrdinals.Cursor cursor) {
      this.entry = entry;
      this.layout = entry.layout();
      this.region = region;
      this.ordinals = ordinals;
      this.cursor = cursor;
      this.vector = new byte[entry.dimension()];
    }

    @Override
    public byte[] vectorValue(int ord) throws IOException {
      if (ord != vectorOrd) {
        region.seek(layout.offset(ord));
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
      return new ByteBlocks(entry, region.clone(), ordinals, ordinals.cursor());
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
