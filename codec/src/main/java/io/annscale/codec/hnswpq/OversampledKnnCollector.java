package io.annscale.codec.hnswpq;

import io.annscale.codec.DelegatingKnnCollector;
import org.apache.lucene.search.KnnCollector;

/**
 * A {@link KnnCollector} that carries a query-time oversample factor to {@link PqHnswVectorsFormat}'s reader,
 * which otherwise uses the one stored in the segment. Every other call goes to the wrapped collector; other
 * formats see an ordinary collector.
 */
public final class OversampledKnnCollector extends DelegatingKnnCollector {
  private final int oversample;

  /** @param oversample candidates kept per requested result, 1..{@link PqParameters#MAX_OVERSAMPLE} */
  public OversampledKnnCollector(KnnCollector delegate, int oversample) {
    super(delegate);
    PqKnnFloatVectorQuery.checkOversample(oversample);
    this.oversample = oversample;
  }

  public int oversample() {
    return oversample;
  }
}
