package io.annscale.codec.hnswpq;

import io.annscale.codec.DelegatingKnnCollector;
import org.apache.lucene.search.KnnCollector;

/**
 * A {@link KnnCollector} that carries query-time settings to {@link PqHnswVectorsFormat}'s reader:
 * the oversample factor (candidates reranked per result) and the graph search's list size, which
 * otherwise come from the segment ({@code k x oversample} for both). Every other call goes to the
 * wrapped collector; other formats see an ordinary collector.
 */
public final class OversampledKnnCollector extends DelegatingKnnCollector {
  /** Use the segment's value. */
  public static final int SEGMENT_DEFAULT = 0;

  private final int oversample;
  private final int searchListSize;
  private final PqSearchStats stats;

  /**
   * @param oversample candidates kept per requested result, 1..{@link PqParameters#MAX_OVERSAMPLE}
   */
  public OversampledKnnCollector(KnnCollector delegate, int oversample) {
    this(delegate, oversample, SEGMENT_DEFAULT);
    PqKnnFloatVectorQuery.checkOversample(oversample);
  }

  /**
   * @param oversample candidates reranked per requested result, 1..{@link
   *     PqParameters#MAX_OVERSAMPLE}, or {@link #SEGMENT_DEFAULT}
   * @param searchListSize candidates the graph search keeps, >= 1, or {@link #SEGMENT_DEFAULT} for
   *     {@code k x oversample}
   */
  public OversampledKnnCollector(KnnCollector delegate, int oversample, int searchListSize) {
    this(delegate, oversample, searchListSize, null);
  }

  /**
   * @param stats receives the searches' counts, or null
   */
  public OversampledKnnCollector(
      KnnCollector delegate, int oversample, int searchListSize, PqSearchStats stats) {
    super(delegate);
    this.oversample = oversample;
    this.searchListSize = searchListSize;
    this.stats = stats;
  }

  /** Receives the searches' counts, or null. */
  public PqSearchStats stats() {
    return stats;
  }

  /** Candidates reranked per requested result, or {@link #SEGMENT_DEFAULT}. */
  public int oversample() {
    return oversample;
  }

  /** Candidates the graph search keeps, or {@link #SEGMENT_DEFAULT}. */
  public int searchListSize() {
    return searchListSize;
  }
}
