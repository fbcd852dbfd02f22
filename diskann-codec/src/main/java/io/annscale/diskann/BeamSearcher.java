package io.annscale.diskann;

import io.annscale.codec.SharedBarKnnCollector;
import io.annscale.codec.pq.AdcErrorBound;
import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.internal.hppc.IntHashSet;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.SparseFixedBitSet;
import org.apache.lucene.util.hnsw.FloatHeap;

/**
 * DiskANN's beam search over one field of one segment, in node positions (the disk order). A list
 * of the {@code L} best candidates by PQ distance (records in memory, no I/O), seeded with the
 * medoid and with the representatives of the query's nearest coarse cell ({@link
 * CoarseEntryPoints}); each round takes the {@code W} best not yet expanded and reads their sectors
 * (from the hot-node cache, which holds whole sectors and is read like the file, so the search is
 * the same with any cache; else one read each through the {@code Directory}, or with direct I/O all
 * of the round's reads issued at once: {@link NodeBlockReader#prefetch}). Every block in a sector
 * read is scored exactly, handed to the collector and expanded: its unseen neighbours are offered
 * to the list by PQ distance. Sector packing ({@link io.annscale.diskann.graph.SectorPacking})
 * makes a sector's other nodes the wanted node's near neighbours, and their adjacency is already in
 * hand, so expanding them costs PQ lookups but no I/O: at 2M x 96 clustered (48 sub-spaces)
 * recall@10 0.95 then takes ~20% fewer sectors than expanding only the wanted node and those
 * waiting in the list, for about twice the PQ distances. The search ends when every candidate in
 * the list has been expanded; results are the collector's best by exact score.
 *
 * <p>Segments of one query share their k-th best exact score ({@link SharedBarKnnCollector}). Once
 * this segment has collected k results, a candidate is not taken when its PQ distance, allowing for
 * the PQ error seen on this search's exactly scored nodes ({@link AdcErrorBound}), cannot reach the
 * lower of the other segments' bar ({@link SharedBarKnnCollector#othersBar}: this segment's own
 * results must not cut its exploration, which is what a list longer than k is for) and this
 * segment's own best so far (Lucene's {@code MultiLeafKnnCollector} greediness, which keeps a
 * segment descending while it still improves on itself); the search ends when no candidate is left
 * to take. A segment far from the query then stops after a greedy descent instead of filling its
 * whole list.
 *
 * <p>Filters: a rejected node is expanded (it leads elsewhere) but not collected; if it held a
 * place in the list, the list widens by one, so the list still ends up holding {@code L} accepted
 * candidates. Very selective filters hit the collector's visit limit and Lucene falls back to exact
 * search.
 *
 * <p>Thread-safe: all per-query state lives in {@link #search}.
 */
final class BeamSearcher {
  private final DiskAnnFieldEntry entry;
  private final NodeBlockLayout layout;
  private final IndexInput region;
  private final HotNodeCache cache;
  private final CoarseEntryPoints entryPoints;
  private final byte[] records;
  private final DocOrdinals ordinals;
  private final DirectIoNodeBlocks direct;

  /**
   * @param direct the node file opened for direct I/O, or null to read through {@code region}
   */
  BeamSearcher(
      DiskAnnFieldEntry entry,
      IndexInput region,
      HotNodeCache cache,
      CoarseEntryPoints entryPoints,
      byte[] records,
      DocOrdinals ordinals,
      DirectIoNodeBlocks direct) {
    this.entry = entry;
    this.layout = entry.layout();
    this.region = region;
    this.cache = cache;
    this.entryPoints = entryPoints;
    this.records = records;
    this.ordinals = ordinals;
    this.direct = direct;
  }

  /**
   * @param floatQuery the query for FLOAT32 fields, else null
   * @param byteQuery the query for BYTE fields, else null
   * @param acceptOrds ordinals that may be collected, null for all
   */
  void search(float[] floatQuery, byte[] byteQuery, KnnCollector collector, Bits acceptOrds)
      throws IOException {
    int listSize = entry.searchListSize();
    int beamWidth = entry.beamWidth();
    DiskAnnSearchStats stats = null;
    boolean coarseEntry = true;
    if (collector instanceof DiskAnnKnnCollector tuned) {
      listSize =
          tuned.searchListSize() == DiskAnnKnnCollector.SEGMENT_DEFAULT
              ? listSize
              : tuned.searchListSize();
      beamWidth =
          tuned.beamWidth() == DiskAnnKnnCollector.SEGMENT_DEFAULT ? beamWidth : tuned.beamWidth();
      stats = tuned.stats();
      coarseEntry = tuned.coarseEntry();
    }
    listSize = Math.max(listSize, collector.k());
    Query query = new Query(floatQuery, byteQuery, listSize, collector, acceptOrds);
    long deviceReads;
    try (NodeBlockReader blocks =
        direct != null ? direct.reader(entry) : new DirectoryReads(region.clone())) {
      query.run(beamWidth, coarseEntry, blocks);
      deviceReads = blocks.deviceReads();
    }
    if (stats != null) {
      stats.add(query.sectorsRead, query.cacheHits, query.expanded, query.pqDistances, deviceReads);
    }
  }

  /**
   * Blocks through the {@code Directory}: a sector "read" only positions; blocks are read in place.
   */
  private final class DirectoryReads implements NodeBlockReader {
    private final IndexInput input;
    private long sectorOffset;
    private int firstPosition;
    private int ord;

    DirectoryReads(IndexInput input) {
      this.input = input;
    }

    @Override
    public void readSector(long sector) {
      sectorOffset = sector * NodeBlockLayout.SECTOR_BYTES;
      firstPosition = layout.firstPosition(sector);
    }

    @Override
    public int block(int slot, float[] floatVector, byte[] byteVector, int[] neighbours)
        throws IOException {
      input.seek(sectorOffset + (long) slot * layout.blockBytes());
      if (floatVector != null) {
        input.readFloats(floatVector, 0, floatVector.length);
      } else {
        input.readBytes(byteVector, 0, byteVector.length);
      }
      ord = HotNodeCache.readOrd(input, firstPosition + slot, entry);
      int degree = HotNodeCache.readDegree(input, firstPosition + slot, entry);
      input.readInts(neighbours, 0, degree);
      return degree;
    }

    @Override
    public int ord() {
      return ord;
    }
  }

  /** One query's state. */
  private final class Query {
    private final float[] floatQuery;
    private final byte[] byteQuery;
    private final KnnCollector collector;
    private final Bits acceptOrds;
    private final VectorSimilarityFunction similarity = entry.similarity();
    private final PqDistances pq;
    private final CandidateList candidates;

    /** Positions offered to the list (PQ-scored). */
    private final SparseFixedBitSet seen = new SparseFixedBitSet(entry.size());

    /**
     * Positions whose block was read: scored exactly, collected if accepted, and expanded, each
     * once.
     */
    private final SparseFixedBitSet scored = new SparseFixedBitSet(entry.size());

    private final IntHashSet sectors = new IntHashSet();
    private final float[] floatVector;
    private final byte[] byteVector;
    private final int[] neighbours = new int[entry.maxDegree()];
    private final NodeBlockReader cachedBlocks = cache.reader(layout);

    /**
     * The other segments' bar ({@link SharedBarKnnCollector#othersBar()}), fixed for this search;
     * -infinity, and then no candidate is given up and no PQ error observed, without one.
     */
    private final float othersBar;

    private final AdcErrorBound bound;

    /** This segment's best exact scores so far, as many as Lucene's greediness keeps (k / 10). */
    private final FloatHeap localBest;

    private int collected;
    private boolean stopped;
    long sectorsRead;
    long cacheHits;
    long expanded;
    long pqDistances;

    Query(
        float[] floatQuery,
        byte[] byteQuery,
        int listSize,
        KnnCollector collector,
        Bits acceptOrds) {
      this.floatQuery = floatQuery;
      this.byteQuery = byteQuery;
      this.collector = collector;
      this.acceptOrds = acceptOrds;
      this.floatVector = floatQuery != null ? new float[entry.dimension()] : null;
      this.byteVector = byteQuery != null ? new byte[entry.dimension()] : null;
      this.pq =
          new PqDistances(entry.pq(), records, floatQuery != null ? floatQuery : widen(byteQuery));
      this.candidates = new CandidateList(listSize);
      SharedBarKnnCollector shared = SharedBarKnnCollector.of(collector);
      this.othersBar = shared != null ? shared.othersBar() : Float.NEGATIVE_INFINITY;
      this.bound = new AdcErrorBound(similarity, collector.k());
      this.localBest = new FloatHeap(Math.max(1, Math.round(0.1f * collector.k())));
    }

    /**
     * The PQ distance beyond which a candidate cannot reach what this segment still needs to beat:
     * +infinity until it has collected k results or without another segment's bar.
     */
    private float cutoff() {
      if (othersBar == Float.NEGATIVE_INFINITY || collected < collector.k()) {
        return Float.POSITIVE_INFINITY;
      }
      return bound.cutoff(Math.min(othersBar, localBest.peek()));
    }

    // like Lucene's HNSW search: one visit per node PQ-scored, stop the moment the collector's
    // limit is reached
    void run(int beamWidth, boolean coarseEntry, NodeBlockReader blocks) throws IOException {
      seed(entry.entryNode());
      int cell = coarseEntry ? entryPoints.nearestCell(pq) : -1;
      for (int slot = 0; cell >= 0 && slot < CoarseEntryPoints.PER_CELL; slot++) {
        int representative = entryPoints.representative(cell, slot);
        if (representative >= 0 && !seen.get(representative)) {
          seed(representative);
        }
      }
      int[] beam = new int[beamWidth];
      long[] roundSectors = new long[beamWidth];
      while (!stopped) {
        int taken = candidates.takeUnexpanded(beam, scored, cutoff());
        if (taken == 0) {
          break;
        }
        int toRead = 0;
        for (int b = 0; b < taken; b++) {
          if (!cache.holds(beam[b])) {
            roundSectors[toRead++] = layout.sector(beam[b]);
          }
        }
        if (toRead > 1) {
          blocks.prefetch(roundSectors, toRead);
        }
        for (int b = 0; b < taken && !stopped; b++) {
          expand(beam[b], blocks);
        }
      }
    }

    private void seed(int position) {
      seen.set(position);
      candidates.offer(position, pq.distance(position));
      pqDistances++;
      collector.incVisitedCount(1);
    }

    private void expand(int position, NodeBlockReader blocks) throws IOException {
      if (scored.get(position)) {
        return; // read with a node of this round that shares its sector
      }
      long sector = layout.sector(position);
      boolean cached = cache.holds(position);
      NodeBlockReader source = cached ? cachedBlocks : blocks;
      if (!cached && sectors.add((int) sector)) {
        sectorsRead += layout.sectorsPerNode();
      }
      source.readSector(sector);
      int first = layout.firstPosition(sector);
      int slots = Math.min(layout.nodesPerSector(), entry.size() - first);
      for (int slot = 0; slot < slots && !stopped; slot++) {
        int other = first + slot;
        if (scored.get(other)) {
          continue; // read with this sector before, and expanded then
        }
        if (cached) {
          cacheHits++;
        }
        int degree = source.block(slot, floatVector, byteVector, neighbours);
        visit(other, source.ord(), degree, other == position);
      }
    }

    /**
     * Scores the node exactly for the collector (once: its block is read once) and offers its
     * neighbours. A filtered-out node widens the list if it took a place there: it is the wanted
     * node (taken, even if pushed out since), or a sector-mate still listed, waiting (the list
     * skips it when it reaches it) or taken this round and not read yet.
     */
    private void visit(int position, int ord, int degree, boolean wanted) throws IOException {
      scored.set(position);
      seen.set(position);
      float score =
          floatVector != null
              ? similarity.compare(floatQuery, floatVector)
              : similarity.compare(byteQuery, byteVector);
      if (othersBar != Float.NEGATIVE_INFINITY) {
        bound.observe(pq.distance(position), score);
        pqDistances++;
      }
      if (acceptOrds == null || acceptOrds.get(ord)) {
        collector.collect(ordinals.ordToDoc(ord), score);
        collected++;
        localBest.offer(score);
      } else if (wanted || candidates.holds(position)) {
        candidates.widen();
      }
      expanded++;
      for (int i = 0; i < degree; i++) {
        int neighbour = neighbours[i];
        if (neighbour < 0 || neighbour >= entry.size()) {
          HotNodeCache.checkNeighbour(neighbour, position, entry, region);
        }
        if (seen.getAndSet(neighbour)) {
          continue;
        }
        if (collector.earlyTerminated()) {
          stopped = true;
          return;
        }
        candidates.offer(neighbour, pq.distance(neighbour));
        pqDistances++;
        collector.incVisitedCount(1);
      }
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
