package io.annscale.codec.hnswpq;

import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.TopDocs;

/**
 * A {@link KnnCollector} that carries a query-time oversample factor to {@link PqHnswVectorsFormat}'s reader,
 * which otherwise uses the one stored in the segment. Every other call goes to the wrapped collector; other
 * formats see an ordinary collector.
 */
public final class OversampledKnnCollector implements KnnCollector {
  private final KnnCollector delegate;
  private final int oversample;

  /** @param oversample candidates kept per requested result, 1..{@link PqParameters#MAX_OVERSAMPLE} */
  public OversampledKnnCollector(KnnCollector delegate, int oversample) {
    PqKnnFloatVectorQuery.checkOversample(oversample);
    this.delegate = delegate;
    this.oversample = oversample;
  }

  public int oversample() {
    return oversample;
  }

  @Override
  public boolean earlyTerminated() {
    return delegate.earlyTerminated();
  }

  @Override
  public void incVisitedCount(int count) {
    delegate.incVisitedCount(count);
  }

  @Override
  public long visitedCount() {
    return delegate.visitedCount();
  }

  @Override
  public long visitLimit() {
    return delegate.visitLimit();
  }

  @Override
  public int k() {
    return delegate.k();
  }

  @Override
  public boolean collect(int docId, float similarity) {
    return delegate.collect(docId, similarity);
  }

  @Override
  public float minCompetitiveSimilarity() {
    return delegate.minCompetitiveSimilarity();
  }

  @Override
  public TopDocs topDocs() {
    return delegate.topDocs();
  }
}
