package io.annscale.codec.hnswpq;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Reads a {@link PqHnswVectorsFormat} segment written without a graph ({@link
 * PqHnswFlatSegmentWriter}): every search scores every accepted vector exactly. Such segments are
 * the small ones of flushes, until {@link io.annscale.codec.GraphMergePolicy} merges them.
 */
final class PqHnswFlatSegmentReader extends KnnVectorsReader {
  private final FlatVectorsReader rawVectorsReader;

  PqHnswFlatSegmentReader(FlatVectorsReader rawVectorsReader) {
    this.rawVectorsReader = rawVectorsReader;
  }

  @Override
  public void search(String field, float[] target, KnnCollector knnCollector, Bits acceptDocs)
      throws IOException {
    if (knnCollector.k() > 0) {
      scan(rawVectorsReader.getRandomVectorScorer(field, target), knnCollector, acceptDocs);
    }
  }

  @Override
  public void search(String field, byte[] target, KnnCollector knnCollector, Bits acceptDocs)
      throws IOException {
    if (knnCollector.k() > 0) {
      scan(rawVectorsReader.getRandomVectorScorer(field, target), knnCollector, acceptDocs);
    }
  }

  private static void scan(RandomVectorScorer exact, KnnCollector collector, Bits acceptDocs)
      throws IOException {
    if (exact != null) {
      PqHnswVectorsReader.scanExactly(exact, collector, exact.getAcceptOrds(acceptDocs));
    }
  }

  @Override
  public FloatVectorValues getFloatVectorValues(String field) throws IOException {
    return rawVectorsReader.getFloatVectorValues(field);
  }

  @Override
  public ByteVectorValues getByteVectorValues(String field) throws IOException {
    return rawVectorsReader.getByteVectorValues(field);
  }

  @Override
  public void checkIntegrity() throws IOException {
    rawVectorsReader.checkIntegrity();
  }

  @Override
  public long ramBytesUsed() {
    return rawVectorsReader.ramBytesUsed();
  }

  @Override
  public void close() throws IOException {
    rawVectorsReader.close();
  }
}
