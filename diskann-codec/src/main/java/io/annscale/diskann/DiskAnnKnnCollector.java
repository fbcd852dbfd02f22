package io.annscale.diskann;

import io.annscale.codec.DelegatingKnnCollector;
import org.apache.lucene.search.KnnCollector;

/**
 * A {@link KnnCollector} that carries query-time search settings to {@link DiskAnnVectorsFormat}'s
 * reader, which otherwise uses those stored with the segment, and collects its I/O counts. Other
 * formats see an ordinary collector.
 */
public final class DiskAnnKnnCollector extends DelegatingKnnCollector {
  /** Use the value stored with the segment. */
  public static final int SEGMENT_DEFAULT = 0;

  private final int searchListSize;
  private final int beamWidth;
  private final DiskAnnSearchStats stats;
  private boolean coarseEntry = true;

  /**
   * @param searchListSize candidates kept by PQ distance, >= 1, or {@link #SEGMENT_DEFAULT}; k if
   *     larger
   * @param beamWidth node blocks read per round, 1..{@value DiskAnnParameters#MAX_BEAM_WIDTH}, or
   *     {@link #SEGMENT_DEFAULT}
   * @param stats receives the I/O counts, or null
   */
  public DiskAnnKnnCollector(
      KnnCollector delegate, int searchListSize, int beamWidth, DiskAnnSearchStats stats) {
    super(delegate);
    checkSettings(searchListSize, beamWidth);
    this.searchListSize = searchListSize;
    this.beamWidth = beamWidth;
    this.stats = stats;
  }

  static void checkSettings(int searchListSize, int beamWidth) {
    if (searchListSize != SEGMENT_DEFAULT) {
      DiskAnnParameters.check(
          "searchListSize", searchListSize, 1, DiskAnnParameters.MAX_SEARCH_LIST_SIZE);
    }
    if (beamWidth != SEGMENT_DEFAULT) {
      DiskAnnParameters.check("beamWidth", beamWidth, 1, DiskAnnParameters.MAX_BEAM_WIDTH);
    }
  }

  public int searchListSize() {
    return searchListSize;
  }

  public int beamWidth() {
    return beamWidth;
  }

  public DiskAnnSearchStats stats() {
    return stats;
  }

  /**
   * For tests and comparisons: the search starts from the medoid alone, without {@link
   * CoarseEntryPoints}.
   */
  DiskAnnKnnCollector medoidEntryOnly() {
    coarseEntry = false;
    return this;
  }

  boolean coarseEntry() {
    return coarseEntry;
  }
}
