package io.annscale.diskann;

import io.annscale.codec.hnswpq.HeapPqRecords;
import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.ResidualAdcQuery;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Approximate scores that steer a graph build's searches: node {@code a}'s vector against node
 * {@code b}'s PQ record held on heap ({@link ResidualAdcQuery}, as DiskANN's beam search scores).
 *
 * <p>Why: an insertion's search scores a few thousand random nodes. Exactly, each costs a random
 * read of the node's vector ({@code 4 x d} bytes, a merge's copy far larger than the CPU caches);
 * by its record, one cache line of {@code m + 6} bytes, the records of a million 128-d vectors (38
 * MB) about the size of a server's last-level cache, and {@code m} table lookups. The builder
 * rescores exactly what the search expanded before it prunes, so the edges and their distances are
 * exact: only which nodes the search visits depends on the codes.
 *
 * <p>Per scorer: the query's tables ({@code (C + K) x d} multiply-adds, {@code 4 x (C + m x K)}
 * bytes).
 */
final class PqBuildScores implements RandomVectorScorerSupplier {
  /**
   * Fewest dimensions from which the codes steer a build. Measured on 2 cores
   * (docs/benchmarks/ingestion.md, "Build speed"): at 1M x 128 steering made the insertions slower
   * (340.7 s against 263.4 s: 32 table lookups per candidate cost more than reading its 512-byte
   * vector), at 100K x 384 faster (43.4 s against 66.2 s, recall@10 within 0.0031 at every search
   * list). Between the two it is not measured.
   */
  static final int MIN_DIMENSION = 256;

  /** Whether codes steer the build of a float field of {@code dimension}. */
  static boolean steers(int dimension) {
    return dimension >= MIN_DIMENSION;
  }

  private final PqFieldEntry entry;
  private final byte[] records;
  private final int recordBytes;
  private final HeapFloatVectors vectors;
  private final BuildOrder order;

  /**
   * @param records the field's records, by ordinal
   * @param vectors the field's vectors in the build's slots, which nodes are numbered by
   */
  PqBuildScores(HeapPqRecords records, HeapFloatVectors vectors, BuildOrder order) {
    this(records.trained(), records.records(), vectors, order);
  }

  private PqBuildScores(
      PqFieldEntry entry, byte[] records, HeapFloatVectors vectors, BuildOrder order) {
    this.entry = entry;
    this.records = records;
    this.recordBytes = entry.recordBytes();
    this.vectors = vectors;
    this.order = order;
  }

  @Override
  public RandomVectorScorer scorer(int ord) {
    // the tables are computed here: the vector's buffer may be reused once this returns
    ResidualAdcQuery query =
        ResidualAdcQuery.of(entry.quantizer(), entry.similarity(), vectors.vectorValue(ord));
    return new RandomVectorScorer() {
      @Override
      public float score(int node) {
        return query.score(query.distance(records, order.ordAt(node) * recordBytes));
      }

      @Override
      public int maxOrd() {
        return vectors.size();
      }
    };
  }

  /** Another supplier over the same records, reading vectors through a buffer of its own. */
  @Override
  public RandomVectorScorerSupplier copy() {
    return new PqBuildScores(entry, records, vectors.copy(), order);
  }
}
