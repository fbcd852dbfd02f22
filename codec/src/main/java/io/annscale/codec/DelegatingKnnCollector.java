package io.annscale.codec;

import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.TopDocs;

/**
 * A {@link KnnCollector} that forwards every call to another: the base of collectors that only
 * carry query-time settings to a format's reader (Lucene 9.12 has no decorator of its own).
 */
public abstract class DelegatingKnnCollector implements KnnCollector {
  private final KnnCollector delegate;

  protected DelegatingKnnCollector(KnnCollector delegate) {
    this.delegate = delegate;
  }

  /** The wrapped collector. */
  final KnnCollector delegate() {
    return delegate;
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
