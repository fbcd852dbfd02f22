package io.annscale.bench.run;

import io.annscale.codec.hnswpq.PqKnnFloatVectorQuery;
import io.annscale.diskann.DiskAnnKnnCollector;
import io.annscale.diskann.DiskAnnKnnFloatVectorQuery;
import io.annscale.diskann.DiskAnnSearchStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Runs a query set against one open index with a fixed number of client threads ({@link
 * TimedClients}). Each measurement first runs every query once unmeasured (JIT, page cache; its
 * results give the recall), then measures.
 */
public final class QueryRunner {
  private final IndexSearcher searcher;
  private final int[] docToId;
  private final int queryOversample;
  private final boolean diskAnn;
  private final boolean productQuantized;
  private final int diskAnnBeamWidth;

  /**
   * Measured latencies, throughput and the first pass's results (base ordinals, best first).
   *
   * @param sectorsPerQuery DiskANN: distinct 4 KiB sectors each query read through the Directory;
   *     else null
   */
  public record Measurement(
      Histogram latencyMicros,
      double qps,
      long queriesRun,
      int[][] resultIds,
      Histogram sectorsPerQuery) {}

  /**
   * @param format decides the query class: the fanout is every format's search list (Lucene HNSW's
   *     k, PQ-HNSW's graph search list, DiskANN's L); DiskANN's also counts sectors
   * @param queryOversample for PQ formats, the oversample each query asks for; 0 for the index's
   */
  public QueryRunner(DirectoryReader reader, VectorFormatChoice format, int queryOversample)
      throws IOException {
    this(reader, format, queryOversample, DiskAnnKnnCollector.SEGMENT_DEFAULT);
  }

  /**
   * @param diskAnnBeamWidth DiskANN: node blocks read per round, or 0 for the index's
   */
  public QueryRunner(
      DirectoryReader reader, VectorFormatChoice format, int queryOversample, int diskAnnBeamWidth)
      throws IOException {
    this.diskAnnBeamWidth = diskAnnBeamWidth;
    this.queryOversample = queryOversample;
    this.diskAnn = format == VectorFormatChoice.DISKANN;
    this.productQuantized = format.isProductQuantized();
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
    this.docToId = docToId(reader);
  }

  private static int[] docToId(DirectoryReader reader) throws IOException {
    int[] ids = new int[reader.maxDoc()];
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues values = leaf.reader().getNumericDocValues(IndexBuilder.ID_FIELD);
      for (int doc = values.nextDoc();
          doc != NumericDocValues.NO_MORE_DOCS;
          doc = values.nextDoc()) {
        ids[leaf.docBase + doc] = Math.toIntExact(values.longValue());
      }
    }
    return ids;
  }

  /**
   * Runs the queries untimed, cycling through every fanout, for about {@code seconds} (at least one
   * query): the first measurement then sees compiled code and a warm page cache, like the ones
   * after it.
   */
  public void warmUp(float[][] queries, List<Integer> fanouts, int k, double seconds) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long i = 0;
    do {
      search(
          queries[(int) (i % queries.length)],
          fanouts.get((int) (i / queries.length % fanouts.size())),
          k);
      i++;
    } while (System.nanoTime() < deadline);
  }

  /**
   * @param fanout the query's {@code k}: candidates the graph search keeps (Lucene's search-list
   *     size)
   * @param k results returned
   * @param threads concurrent clients, >= 1
   * @param minSeconds measure at least this long (whole passes over the queries are not required)
   */
  public Measurement run(float[][] queries, int fanout, int k, int threads, double minSeconds)
      throws IOException, InterruptedException {
    return run(queries, fanout, k, threads, minSeconds, QueryPattern.UNIFORM);
  }

  /**
   * @param pattern how the timed queries are picked and paced
   */
  public Measurement run(
      float[][] queries, int fanout, int k, int threads, double minSeconds, QueryPattern pattern)
      throws IOException, InterruptedException {
    return run(queries, fanout, k, k, threads, minSeconds, pattern);
  }

  /**
   * @param depth results each query of the untimed pass returns ({@link Measurement#resultIds}), >=
   *     k: the same search asked for more of its ranked results, so the first k are those the timed
   *     queries return
   */
  public Measurement run(
      float[][] queries,
      int fanout,
      int k,
      int depth,
      int threads,
      double minSeconds,
      QueryPattern pattern)
      throws IOException, InterruptedException {
    int[][] results = new int[queries.length][];
    Histogram sectors = diskAnn ? new Histogram(3) : null;
    for (int q = 0; q < queries.length; q++) {
      DiskAnnSearchStats stats = diskAnn ? new DiskAnnSearchStats() : null;
      results[q] = search(queries[q], fanout, Math.max(k, depth), stats);
      if (stats != null) {
        sectors.recordValue(stats.sectorsRead());
      }
    }
    TimedClients.Outcome timed =
        TimedClients.run(
            queries.length, threads, minSeconds, pattern, q -> search(queries[q], fanout, k));
    return new Measurement(
        timed.latencyMicros(), timed.qps(), timed.queriesRun(), results, sectors);
  }

  private int[] search(float[] query, int fanout, int k) {
    return search(query, fanout, k, null);
  }

  private int[] search(float[] query, int fanout, int k, DiskAnnSearchStats stats) {
    try {
      Query knn;
      if (diskAnn) {
        knn =
            new DiskAnnKnnFloatVectorQuery(
                IndexBuilder.VECTOR_FIELD, query, fanout, null, fanout, diskAnnBeamWidth, stats);
      } else if (productQuantized) {
        // the fanout is the graph's search list, as for Lucene's HNSW; k x oversample of it are
        // reranked
        knn =
            new PqKnnFloatVectorQuery(
                IndexBuilder.VECTOR_FIELD, query, k, null, queryOversample, fanout);
      } else {
        knn = new KnnFloatVectorQuery(IndexBuilder.VECTOR_FIELD, query, fanout);
      }
      TopDocs top = searcher.search(knn, k);
      int[] ids = new int[top.scoreDocs.length];
      int r = 0;
      for (ScoreDoc hit : top.scoreDocs) {
        ids[r++] = docToId[hit.doc];
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
