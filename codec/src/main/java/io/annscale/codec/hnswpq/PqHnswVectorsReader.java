package io.annscale.codec.hnswpq;

import io.annscale.codec.SharedBarKnnCollector;
import io.annscale.codec.pq.AdcErrorBound;
import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Searches a {@link PqHnswVectorsFormat} segment in two phases: Lucene's HNSW search over ADC
 * scores keeps a list of candidates (its search list: {@code k x oversample} by default, or the
 * query's), then the best {@code k x oversample} of them by PQ score are rescored exactly from the
 * raw vectors and handed to the caller's collector. The search list and the rerank depth are
 * separate because they pay for different things: the list for reaching the neighbourhood (as
 * Lucene's {@code k} does for its own HNSW), the rerank for the codes' error; on 384-d text
 * embeddings a list of 40 with every candidate reranked reaches what Lucene's float HNSW reaches
 * with 40. Everything else (vector values, graph, integrity) is delegated to {@link
 * Lucene99HnswVectorsReader}, which also serves byte fields unchanged.
 */
final class PqHnswVectorsReader extends KnnVectorsReader implements HnswGraphProvider {
  private final Lucene99HnswVectorsReader graphReader;
  private final PqFlatVectorsReader vectorsReader;

  PqHnswVectorsReader(Lucene99HnswVectorsReader graphReader, PqFlatVectorsReader vectorsReader) {
    this.graphReader = graphReader;
    this.vectorsReader = vectorsReader;
  }

  @Override
  public void search(String field, float[] target, KnnCollector knnCollector, Bits acceptDocs)
      throws IOException {
    PqFieldEntry entry = vectorsReader.entry(field);
    if (entry == null || entry.size() == 0 || knnCollector.k() == 0) {
      graphReader.search(field, target, knnCollector, acceptDocs);
      return;
    }
    RandomVectorScorer exact = vectorsReader.getExactScorer(field, target);
    Bits acceptOrds = exact.getAcceptOrds(acceptDocs);
    // a PqKnnFloatVectorQuery may ask for another factor than the one the segment was written with
    int oversample = entry.oversample();
    int searchList = OversampledKnnCollector.SEGMENT_DEFAULT;
    PqSearchStats stats = null;
    if (knnCollector instanceof OversampledKnnCollector query) {
      stats = query.stats();
      oversample =
          query.oversample() == OversampledKnnCollector.SEGMENT_DEFAULT
              ? oversample
              : query.oversample();
      searchList = query.searchListSize();
    }
    int reranked = (int) Math.min((long) knnCollector.k() * oversample, Integer.MAX_VALUE);
    int candidates =
        searchList == OversampledKnnCollector.SEGMENT_DEFAULT
            ? reranked
            : Math.max(knnCollector.k(), searchList);
    reranked = Math.min(reranked, candidates);
    if (candidates >= exact.maxOrd()) {
      // the rerank would score every vector anyway: scan exactly, as Lucene does when k >= size
      scanExactly(exact, knnCollector, acceptOrds);
      return;
    }
    RandomVectorScorer approximate = vectorsReader.getRandomVectorScorer(field, target);
    int visitLimit = (int) Math.min(knnCollector.visitLimit(), Integer.MAX_VALUE);
    TopKnnCollector byCode = new TopKnnCollector(candidates, visitLimit);
    HnswGraphSearcher.search(approximate, byCode, graphReader.getGraph(field), acceptOrds);
    knnCollector.incVisitedCount((int) byCode.visitedCount());
    // without an ord-translating wrapper the collected "docs" are ordinals; topDocs() is best first
    rerank(byCode.topDocs().scoreDocs, reranked, exact, entry, knnCollector, stats);
  }

  /**
   * Scores the best {@code reranked} candidates exactly, in ADC order, into {@code collector}. When
   * the collector shares the collection's k-th best score with the query's other segments, the
   * rerank ends at the first candidate whose ADC distance, allowing the largest error seen in this
   * rerank, cannot reach it: that candidate and every later one (farther by ADC) would be scored
   * for nothing.
   */
  private static void rerank(
      ScoreDoc[] byAdc,
      int reranked,
      RandomVectorScorer exact,
      PqFieldEntry entry,
      KnnCollector collector,
      PqSearchStats stats)
      throws IOException {
    AdcErrorBound bound = new AdcErrorBound(entry.similarity(), collector.k());
    SharedBarKnnCollector shared = SharedBarKnnCollector.of(collector);
    int scored = 0;
    for (; scored < Math.min(reranked, byAdc.length); scored++) {
      float adcDistance = AdcErrorBound.distance(entry.similarity(), byAdc[scored].score);
      if (shared != null && adcDistance > bound.cutoff(shared.collectionBar())) {
        break;
      }
      int ord = byAdc[scored].doc;
      float score = exact.score(ord);
      bound.observe(adcDistance, score);
      collector.collect(exact.ordToDoc(ord), score);
    }
    if (stats != null) {
      stats.addExactScores(scored);
    }
  }

  /**
   * Every accepted vector scored exactly, in ordinal order. Stops when the collector's visit limit
   * is reached, as a graph search does, so that Lucene's query falls back to its own exact search.
   */
  static void scanExactly(RandomVectorScorer exact, KnnCollector collector, Bits acceptOrds)
      throws IOException {
    for (int ord = 0; ord < exact.maxOrd(); ord++) {
      if (acceptOrds == null || acceptOrds.get(ord)) {
        if (collector.earlyTerminated()) {
          break;
        }
        collector.incVisitedCount(1);
        collector.collect(exact.ordToDoc(ord), exact.score(ord));
      }
    }
  }

  @Override
  public void search(String field, byte[] target, KnnCollector knnCollector, Bits acceptDocs)
      throws IOException {
    graphReader.search(field, target, knnCollector, acceptDocs);
  }

  @Override
  public HnswGraph getGraph(String field) throws IOException {
    return graphReader.getGraph(field);
  }

  @Override
  public FloatVectorValues getFloatVectorValues(String field) throws IOException {
    return graphReader.getFloatVectorValues(field);
  }

  @Override
  public ByteVectorValues getByteVectorValues(String field) throws IOException {
    return graphReader.getByteVectorValues(field);
  }

  @Override
  public void checkIntegrity() throws IOException {
    graphReader.checkIntegrity();
  }

  @Override
  public long ramBytesUsed() {
    return graphReader.ramBytesUsed();
  }

  @Override
  public void close() throws IOException {
    graphReader.close(); // closes the vectors reader it was given
  }
}
