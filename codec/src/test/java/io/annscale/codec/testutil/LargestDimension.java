package io.annscale.codec.testutil;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.codec.AnnscaleCodec;
import java.io.IOException;
import java.util.Random;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * A format at the dimension it declares as its most: vectors of that size are written, merged and
 * each found as its own nearest neighbour; one more dimension is refused by Lucene, naming the
 * limit.
 */
public final class LargestDimension {
  private static final int COUNT = 300;

  private LargestDimension() {}

  public static void check(KnnVectorsFormat format) throws IOException {
    int dimension = format.getMaxDimensions("v");
    Random random = new Random(17);
    float[][] vectors = new float[COUNT][dimension];
    for (float[] v : vectors) {
      for (int d = 0; d < dimension; d++) {
        v[d] = (float) random.nextGaussian();
      }
    }
    IndexWriterConfig config = new IndexWriterConfig().setCodec(new AnnscaleCodec(format));
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < COUNT; i++) {
          Document doc = new Document();
          doc.add(new StoredField("id", i));
          doc.add(new KnnFloatVectorField("v", vectors[i], VectorSimilarityFunction.EUCLIDEAN));
          writer.addDocument(doc);
          if (i == COUNT / 2) {
            writer.commit(); // two segments, merged below
          }
        }
        writer.forceMerge(1);
        Document tooLarge = new Document();
        tooLarge.add(
            new KnnFloatVectorField(
                "v", new float[dimension + 1], VectorSimilarityFunction.EUCLIDEAN));
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> writer.addDocument(tooLarge));
        assertTrue(e.getMessage(), e.getMessage().contains(Integer.toString(dimension)));
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int i = 0; i < COUNT; i += 37) {
          TopDocs top = searcher.search(new KnnFloatVectorQuery("v", vectors[i], 10), 1);
          int id =
              reader
                  .storedFields()
                  .document(top.scoreDocs[0].doc)
                  .getField("id")
                  .numericValue()
                  .intValue();
          assertEquals(format + ": vector " + i + " of " + dimension + " dimensions", i, id);
        }
      }
    }
  }
}
