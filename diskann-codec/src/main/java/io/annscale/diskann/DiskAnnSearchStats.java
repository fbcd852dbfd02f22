package io.annscale.diskann;

import java.util.concurrent.atomic.LongAdder;

/**
 * What graph searches cost in I/O terms, summed over the segments a query searched (segments may be
 * searched by several threads at once): distinct 4 KiB sectors read through the {@code Directory},
 * expansions served by the hot-node cache, nodes expanded, PQ distances computed, sector reads done
 * with direct I/O. Give one to {@link DiskAnnKnnFloatVectorQuery} per query to get per-query
 * figures.
 */
public final class DiskAnnSearchStats {
  private final LongAdder sectorsRead = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder nodesExpanded = new LongAdder();
  private final LongAdder pqDistances = new LongAdder();
  private final LongAdder directReads = new LongAdder();

  /** Adds one segment search's counts. */
  void add(long sectors, long hits, long expanded, long distances, long direct) {
    sectorsRead.add(sectors);
    cacheHits.add(hits);
    nodesExpanded.add(expanded);
    pqDistances.add(distances);
    directReads.add(direct);
  }

  /**
   * Reads done with direct I/O, bypassing the page cache, each of one node's sectors: a sector
   * needed again in a later round is read again unless the previous round's reads still hold it. At
   * least {@link #sectorsRead()} when a block fits in a sector; 0 when reads went through the
   * Directory.
   */
  public long directReads() {
    return directReads.sum();
  }

  public long sectorsRead() {
    return sectorsRead.sum();
  }

  public long cacheHits() {
    return cacheHits.sum();
  }

  public long nodesExpanded() {
    return nodesExpanded.sum();
  }

  public long pqDistances() {
    return pqDistances.sum();
  }

  @Override
  public String toString() {
    return "sectorsRead="
        + sectorsRead()
        + ", cacheHits="
        + cacheHits()
        + ", nodesExpanded="
        + nodesExpanded()
        + ", pqDistances="
        + pqDistances()
        + ", directReads="
        + directReads();
  }
}
