package io.annscale.solr;

import io.annscale.codec.hnswpq.OversampledKnnCollector;
import io.annscale.codec.hnswpq.PqKnnFloatVectorQuery;
import java.util.Objects;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;

/**
 * An HNSW k-NN query that searches each segment's graph with a longer candidate list (the search
 * list, Lucene's k) than the hits it returns (topK): more of the graph is explored, recall rises,
 * and the result is still topK documents. Lucene's own query returns as many hits as it keeps
 * candidates.
 */
final class SearchListKnnQuery {
  private SearchListKnnQuery() {}

  /** Float32 (or any Lucene) HNSW field. */
  static Query of(String field, float[] vector, int topK, int searchList, Query filter) {
    return new Float(field, vector, topK, searchList, filter);
  }

  /** Byte-vector HNSW field ({@code vectorEncoding="BYTE"}), of any format. */
  static Query of(String field, byte[] vector, int topK, int searchList, Query filter) {
    return new Bytes(field, vector, topK, searchList, filter);
  }

  /** PQ-HNSW field, with its rerank oversample (0: the field's). */
  static Query pq(
      String field, float[] vector, int topK, int searchList, Query filter, int oversample) {
    return new Pq(field, vector, topK, searchList, filter, oversample);
  }

  private static final class Float extends KnnFloatVectorQuery {
    private final int topK;

    Float(String field, float[] vector, int topK, int searchList, Query filter) {
      super(field, vector, searchList, filter);
      this.topK = topK;
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      return TopDocs.merge(topK, perLeafResults);
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && ((Float) o).topK == topK;
    }

    @Override
    public int hashCode() {
      return 31 * super.hashCode() + topK;
    }

    @Override
    public String toString(String field) {
      return super.toString(field) + "[topK=" + topK + "]";
    }
  }

  private static final class Bytes extends KnnByteVectorQuery {
    private final int topK;

    Bytes(String field, byte[] vector, int topK, int searchList, Query filter) {
      super(field, vector, searchList, filter);
      this.topK = topK;
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      return TopDocs.merge(topK, perLeafResults);
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && ((Bytes) o).topK == topK;
    }

    @Override
    public int hashCode() {
      return 31 * super.hashCode() + topK;
    }

    @Override
    public String toString(String field) {
      return super.toString(field) + "[topK=" + topK + "]";
    }
  }

  private static final class Pq extends PqKnnFloatVectorQuery {
    private final int topK;
    private final int oversample;

    Pq(String field, float[] vector, int topK, int searchList, Query filter, int oversample) {
      super(field, vector, searchList, filter, oversample, OversampledKnnCollector.SEGMENT_DEFAULT);
      this.topK = topK;
      this.oversample = oversample;
    }

    /** The segments share the collection's topK-th best score: only topK are returned. */
    @Override
    protected int sharedBarRank(int k) {
      return Math.min(k, topK);
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      return TopDocs.merge(topK, perLeafResults);
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && ((Pq) o).topK == topK && ((Pq) o).oversample == oversample;
    }

    @Override
    public int hashCode() {
      return Objects.hash(super.hashCode(), topK, oversample);
    }

    @Override
    public String toString(String field) {
      return super.toString(field) + "[topK=" + topK + "]";
    }
  }
}
