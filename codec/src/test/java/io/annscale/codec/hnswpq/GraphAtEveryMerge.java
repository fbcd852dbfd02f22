package io.annscale.codec.hnswpq;

import io.annscale.codec.GraphMergePolicy;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.MergePolicy;

/**
 * For tests whose PQ-HNSW segments must have graphs: a flush writes none, so every merge builds one
 * (threshold 0), and the merge policy merges a lone flushed segment to give it its graph.
 */
final class GraphAtEveryMerge {
  private GraphAtEveryMerge() {}

  static PqHnswVectorsFormat format(PqParameters pq) {
    return new PqHnswVectorsFormat(
        Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
        Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
        pq,
        0,
        1,
        null);
  }

  static MergePolicy policy(MergePolicy wrapped) {
    return new GraphMergePolicy(wrapped);
  }
}
