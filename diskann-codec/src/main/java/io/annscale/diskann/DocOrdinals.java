package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.codecs.lucene95.OrdToDocDISIReaderConfiguration;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.packed.DirectMonotonicReader;

/**
 * A field's mapping between vector ordinals and documents: the identity when every document has a
 * vector, else Lucene's IndexedDISI (doc to ord, iteration) and DirectMonotonic (ord to doc)
 * structures in the node file.
 */
final class DocOrdinals {
  private final OrdToDocDISIReaderConfiguration configuration;
  private final IndexInput data;
  private final DirectMonotonicReader ordToDoc;
  private final int size;

  DocOrdinals(OrdToDocDISIReaderConfiguration configuration, IndexInput data, int size)
      throws IOException {
    this.configuration = configuration;
    this.data = data;
    this.size = size;
    this.ordToDoc =
        configuration.isDense() || configuration.isEmpty()
            ? null
            : configuration.getDirectMonotonicReader(data);
  }

  int size() {
    return size;
  }

  int ordToDoc(int ord) {
    return ordToDoc == null ? ord : (int) ordToDoc.get(ord);
  }

  /** Ordinals whose documents {@code acceptDocs} accepts; null accepts all. */
  Bits acceptOrds(Bits acceptDocs) {
    if (acceptDocs == null || ordToDoc == null) {
      return acceptDocs;
    }
    return new Bits() {
      @Override
      public boolean get(int ord) {
        return acceptDocs.get(ordToDoc(ord));
      }

      @Override
      public int length() {
        return size;
      }
    };
  }

  /**
   * A fresh iterator over documents with a vector; {@link Cursor#ord()} is the current one's
   * ordinal.
   */
  Cursor cursor() throws IOException {
    if (configuration.isEmpty()) {
      return new Cursor(DocIdSetIterator.empty(), null);
    }
    if (configuration.isDense()) {
      return new Cursor(DocIdSetIterator.all(size), null);
    }
    org.apache.lucene.codecs.lucene90.IndexedDISI disi = configuration.getIndexedDISI(data);
    return new Cursor(disi, disi);
  }

  /** Iteration over documents with their ordinals. */
  static final class Cursor {
    final DocIdSetIterator docs;
    private final org.apache.lucene.codecs.lucene90.IndexedDISI sparse;

    Cursor(DocIdSetIterator docs, org.apache.lucene.codecs.lucene90.IndexedDISI sparse) {
      this.docs = docs;
      this.sparse = sparse;
    }

    int ord() {
      return sparse == null ? docs.docID() : sparse.index();
    }
  }
}
