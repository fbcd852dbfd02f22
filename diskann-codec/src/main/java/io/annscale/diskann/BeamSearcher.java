package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.internal.hppc.IntHashSet;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.SparseFixedBitSet;

/**
 * DiskANN's beam search over one field of one segment. A list of the {@code L} best candidates by PQ distance
 * (in memory, no I/O); each round takes the {@code W} best not yet expanded, reads their node blocks (hot-node
 * cache or {@code Directory}), scores their vectors exactly and hands them to the collector, and offers their
 * neighbours to the list by PQ distance. It ends when every candidate in the list has been expanded, so results
 * come from exact scores of the expanded nodes.
 *
 * <p>Filters: a rejected node is expanded (it leads elsewhere) but not collected, and it widens the list by one,
 * so the list still ends up holding {@code L} accepted candidates; very selective filters hit the collector's
 * visit limit and Lucene falls back to exact search.
 *
 * <p>Thread-safe: all per-query state lives in {@link #search}.
 */
final class BeamSearcher {
  private final DiskAnnFieldEntry entry;
  private final NodeBlockLayout layout;
  private final IndexInput region;
  private final HotNodeCache cache;
  private final byte[] records;
  private final DocOrdinals ordinals;
  private final DirectIoNodeBlocks direct;

  /** @param direct the node file opened for direct I/O, or null to read through {@code region} */
  BeamSearcher(
      DiskAnnFieldEntry entry, IndexInput region, HotNodeCache cache, byte[] records, DocOrdinals ordinals,
      DirectIoNodeBlocks direct) {
    this.entry = entry;
    this.layout = entry.layout();
    this.region = region;
    this.cache = cache;
    this.records = records;
    this.ordinals = ordinals;
    this.direct = direct;
  }

  /**
   * @param floatQuery the query for FLOAT32 fields, else null
   * @param byteQuery the query for BYTE fields, else null
   * @param acceptOrds ordinals that may be collected, null for all
   */
  void search(float[] floatQuery, byte[] byteQuery, KnnCollector collector, Bits acceptOrds) throws IOException {
    int listSize = entry.searchListSize();
    int beamWidth = entry.beamWidth();
    DiskAnnSearchStats stats = null;
    if (collector instanceof DiskAnnKnnCollector tuned) {
      listSize = tuned.searchListSize() == DiskAnnKnnCollector.SEGMENT_DEFAULT ? listSize : tuned.searchListSize();
      beamWidth = tuned.beamWidth() == DiskAnnKnnCollector.SEGMENT_DEFAULT ? beamWidth : tuned.beamWidth();
      stats = tuned.stats();
    }
    listSize = Math.max(listSize, collector.k());
    Query query = new Query(floatQuery, byteQuery, listSize);
    try (NodeBlockReader blocks = direct != null ? direct.reader(entry) : query::readThroughDirectory) {
      query.run(collector, acceptOrds, beamWidth, blocks);
    }
    if (stats != null) {
      stats.add(
          query.sectorsRead, query.cacheHits, query.expanded, query.pqDistances,
          direct != null ? query.expanded - query.cacheHits : 0);
    }
  }

  /** One query's state. */
  private final class Query {
    private final float[] floatQuery;
    private final byte[] byteQuery;
    private final PqDistances pq;
    private final CandidateList candidates;
    private final SparseFixedBitSet seen = new SparseFixedBitSet(entry.size());
    private final IntHashSet sectors = new IntHashSet();
    private final IndexInput input = region.clone();
    private final float[] floatVector;
    private final byte[] byteVector;
    private final int[] neighbours = new int[entry.maxDegree()];
    long sectorsRead;
    long cacheHits;
    long expanded;
    long pqDistances;

    Query(float[] floatQuery, byte[] byteQuery, int listSize) {
      this.floatQuery = floatQuery;
      this.byteQuery = byteQuery;
      this.floatVector = floatQuery != null ? new float[entry.dimension()] : null;
      this.byteVector = byteQuery != null ? new byte[entry.dimension()] : null;
      this.pq = new PqDistances(entry.pq(), records, floatQuery != null ? floatQuery : widen(byteQuery));
      this.candidates = new CandidateList(listSize);
    }

    void run(KnnCollector collector, Bits acceptOrds, int beamWidth, NodeBlockReader blocks) throws IOException {
      int start = entry.entryNode();
      seen.set(start);
      candidates.offer(start, pq.distance(start));
      pqDistances++;
      collector.incVisitedCount(1);
      int[] beam = new int[beamWidth];
      VectorSimilarityFunction similarity = entry.similarity();
      // like Lucene's HNSW search: one visit per node scored, stop the moment the collector's limit is reached
      search:
      while (true) {
        int taken = candidates.takeUnexpanded(beam);
        if (taken == 0) {
          break;
        }
        for (int b = 0; b < taken; b++) {
          int ord = beam[b];
          int degree = readNode(ord, blocks);
          expanded++;
          float score =
              floatVector != null
                  ? similarity.compare(floatQuery, floatVector)
                  : similarity.compare(byteQuery, byteVector);
          if (acceptOrds == null || acceptOrds.get(ord)) {
            collector.collect(ordinals.ordToDoc(ord), score);
          } else {
            candidates.widen();
          }
          for (int i = 0; i < degree; i++) {
            int neighbour = neighbours[i];
            if (neighbour < 0 || neighbour >= entry.size()) {
              HotNodeCache.checkNeighbour(neighbour, ord, entry, input);
            }
            if (seen.getAndSet(neighbour)) {
              continue;
            }
            if (collector.earlyTerminated()) {
              break search;
            }
            candidates.offer(neighbour, pq.distance(neighbour));
            pqDistances++;
            collector.incVisitedCount(1);
          }
        }
      }
    }

    /** Fills the vector scratch and {@link #neighbours} for {@code ord}; returns its degree. */
    private int readNode(int ord, NodeBlockReader blocks) throws IOException {
      int slot = cache.slot(ord);
      if (slot >= 0) {
        cacheHits++;
        return cache.read(slot, floatVector, byteVector, neighbours);
      }
      int sector = (int) layout.sector(ord);
      if (sectors.add(sector)) {
        sectorsRead += layout.sectorsPerNode();
      }
      return blocks.read(ord, floatVector, byteVector, neighbours);
    }

    /** The block through the {@code Directory}: seek and read in place, no intermediate buffer. */
    private int readThroughDirectory(int ord, float[] floatVector, byte[] byteVector, int[] neighbours)
        throws IOException {
      input.seek(layout.offset(ord));
      if (floatVector != null) {
        input.readFloats(floatVector, 0, floatVector.length);
      } else {
        input.readBytes(byteVector, 0, byteVector.length);
      }
      int degree = HotNodeCache.readDegree(input, ord, entry);
      input.readInts(neighbours, 0, degree);
      return degree;
    }
  }

  private static float[] widen(byte[] vector) {
    float[] widened = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      widened[i] = vector[i];
    }
    return widened;
  }
}
