package io.annscale.codec.testutil;

import io.annscale.codec.SharedBarKnnCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * Searches a multi-segment index segment by segment, once with the segments sharing the
 * collection's k-th best score ({@link SharedBarKnnCollector}) and once each on its own, and counts
 * the similarity computations (the collectors' visited counts) of each: what a format's shared-bar
 * test compares.
 */
public final class SharedBarComparison {
  public static final String FIELD = "v";

  private SharedBarComparison() {}

  /**
   * One query's merged top k, the visits of all its segment searches, and those of the first
   * segment searched (which no other segment's results precede).
   */
  public record Search(Set<Integer> docs, long visited, long visitedFirst) {}

  /**
   * Many queries searched both ways.
   *
   * @param identical queries whose top k is the same both ways
   * @param found results of the search without the bar that the search with it also returns
   * @param firstAlone visits of the first segment searched, without the bar; {@code firstShared}
   *     with it
   */
  public record Outcome(
      int queries,
      int k,
      int identical,
      int found,
      long visitedAlone,
      long visitedShared,
      long firstAlone,
      long firstShared) {
    public String describe() {
      return String.format(
          Locale.ROOT,
          "visits %d -> %d, identical top %d for %d of %d queries, %d of %d results found",
          visitedAlone,
          visitedShared,
          k,
          identical,
          queries,
          found,
          queries * k);
    }
  }

  /**
   * Searches every query without the bar (each segment's collector wrapped by {@code alone}) and
   * with it ({@code shared}).
   */
  public static Outcome compare(
      DirectoryReader reader,
      float[][] queries,
      int k,
      UnaryOperator<KnnCollector> alone,
      UnaryOperator<KnnCollector> shared)
      throws IOException {
    int identical = 0;
    int found = 0;
    long visitedAlone = 0;
    long visitedShared = 0;
    long firstAlone = 0;
    long firstShared = 0;
    for (float[] query : queries) {
      Search without = search(reader, query, k, false, alone);
      Search with = search(reader, query, k, true, shared);
      visitedAlone += without.visited();
      visitedShared += with.visited();
      firstAlone += without.visitedFirst();
      firstShared += with.visitedFirst();
      identical += without.docs().equals(with.docs()) ? 1 : 0;
      Set<Integer> common = new HashSet<>(without.docs());
      common.retainAll(with.docs());
      found += common.size();
    }
    return new Outcome(
        queries.length, k, identical, found, visitedAlone, visitedShared, firstAlone, firstShared);
  }

  /**
   * Writes {@code data} as {@code segments} segments of consecutive vectors, each force-merged
   * alone (so each has the graph a merge builds) and then added to {@code directory} unmerged.
   *
   * @param config the writer settings of each segment (codec, a merge policy that gives a single
   *     segment its graph)
   */
  public static void indexSegments(
      Directory directory,
      Supplier<IndexWriterConfig> config,
      float[][] data,
      VectorSimilarityFunction similarity,
      int segments)
      throws IOException {
    List<Directory> parts = new ArrayList<>();
    try {
      for (int s = 0; s < segments; s++) {
        Directory part = new MMapDirectory(LuceneTestCase.createTempDir("segment"));
        parts.add(part);
        try (IndexWriter writer = new IndexWriter(part, config.get())) {
          for (int i = s * data.length / segments; i < (s + 1) * data.length / segments; i++) {
            Document doc = new Document();
            doc.add(new KnnFloatVectorField(FIELD, data[i], similarity));
            writer.addDocument(doc);
          }
          writer.forceMerge(1);
        }
      }
      IndexWriterConfig unmerged = config.get().setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(directory, unmerged)) {
        writer.addIndexes(parts.toArray(Directory[]::new));
      }
    } finally {
      for (Directory part : parts) {
        part.close();
      }
    }
  }

  /**
   * @param tune wraps each segment's collector as the format's query would (query-time settings)
   */
  public static Search search(
      DirectoryReader reader,
      float[] query,
      int k,
      boolean shareBar,
      UnaryOperator<KnnCollector> tune)
      throws IOException {
    KnnCollectorManager own = (limit, leaf) -> new TopKnnCollector(k, limit);
    KnnCollectorManager manager =
        shareBar ? SharedBarKnnCollector.sharing(own, k, new IndexSearcher(reader)) : own;
    List<TopDocs> perLeaf = new ArrayList<>();
    long visited = 0;
    long visitedFirst = -1;
    for (LeafReaderContext leaf : reader.leaves()) {
      KnnCollector collector = tune.apply(manager.newCollector(Integer.MAX_VALUE, leaf));
      leaf.reader().searchNearestVectors(FIELD, query, collector, leaf.reader().getLiveDocs());
      visited += collector.visitedCount();
      visitedFirst = visitedFirst < 0 ? collector.visitedCount() : visitedFirst;
      TopDocs top = collector.topDocs();
      for (ScoreDoc hit : top.scoreDocs) {
        hit.doc += leaf.docBase;
      }
      perLeaf.add(top);
    }
    Set<Integer> docs = new HashSet<>();
    for (ScoreDoc hit : TopDocs.merge(k, perLeaf.toArray(TopDocs[]::new)).scoreDocs) {
      docs.add(hit.doc);
    }
    return new Search(docs, visited, visitedFirst);
  }
}
