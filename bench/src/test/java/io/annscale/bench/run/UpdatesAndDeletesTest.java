package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.testutil.ClusteredVectors;
import io.annscale.codec.AnnscaleCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Updates and deletes, for every format, through flushes and merges (natural ones and a forced one)
 * while two clients search without pause: once a reader sees a round's changes, no deleted document
 * is returned, every hit scores as its current vector (never an old one), an updated document is
 * found at its new vector, and recall@10 against exact ground truth of the live documents stays >=
 * 0.95. The clients search whichever reader was opened last, during the writes and the forced
 * merge, and every hit they get must be live with its vector as of that reader.
 */
public class UpdatesAndDeletesTest {
  private static final int DIMENSION = 32;
  private static final int DOCS = 3_000;
  private static final int CHANGES_PER_ROUND = 150;
  private static final int ROUNDS = 4;
  private static final int QUERIES = 40;
  private static final int K = 10;
  private static final int SEARCH_LIST = 50;
  private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.EUCLIDEAN;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void deletedNeverReturnedUpdatedFoundAtItsNewVectorRecallHolds() throws Exception {
    for (VectorFormatChoice format :
        List.of(
            VectorFormatChoice.LUCENE_HNSW,
            VectorFormatChoice.PQ8_HNSW,
            VectorFormatChoice.DISKANN)) {
      check(format);
    }
  }

  private void check(VectorFormatChoice format) throws IOException {
    Random random = new Random(23);
    ClusteredVectors vectors = new ClusteredVectors(random, 20, DIMENSION);
    Map<String, float[]> live = new HashMap<>();
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(format.create(16, 100, 0, FormatOptions.DEFAULT, 1, null)))
            .setUseCompoundFile(false)
            .setMaxBufferedDocs(400)
            .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(4));
    try (Directory directory = new MMapDirectory(tmp.newFolder().toPath());
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < DOCS; i++) {
        String id = Integer.toString(i);
        float[] vector = vectors.near(random);
        live.put(id, vector);
        writer.addDocument(doc(id, vector));
      }
      writer.commit();
      BackgroundSearches clients =
          new BackgroundSearches(new View(DirectoryReader.open(writer), live), vectors);
      try (clients) {
        changeInRounds(format, writer, live, vectors, random, clients);
      }
      String where = format.cliName() + " concurrent searches";
      assertEquals(where + ": " + clients.firstViolation.get(), 0, clients.violations.get());
      assertTrue(where + ": searches " + clients.searches.get(), clients.searches.get() > 0);
    }
  }

  private void changeInRounds(
      VectorFormatChoice format,
      IndexWriter writer,
      Map<String, float[]> live,
      ClusteredVectors vectors,
      Random random,
      BackgroundSearches clients)
      throws IOException {
    int nextId = DOCS;
    for (int round = 0; round < ROUNDS; round++) {
      List<String> ids = new ArrayList<>(live.keySet());
      ids.sort(Comparator.naturalOrder());
      Set<String> deleted = new HashSet<>();
      List<String> updated = new ArrayList<>();
      for (int c = 0; c < CHANGES_PER_ROUND; c++) {
        String victim = ids.get(random.nextInt(ids.size()));
        if (deleted.add(victim)) {
          live.remove(victim);
          updated.remove(victim);
          writer.deleteDocuments(new Term("id", victim));
        }
        String changed = ids.get(random.nextInt(ids.size()));
        if (!deleted.contains(changed) && !updated.contains(changed)) {
          float[] vector = vectors.near(random);
          live.put(changed, vector);
          updated.add(changed);
          writer.updateDocument(new Term("id", changed), doc(changed, vector));
        }
        String added = Integer.toString(nextId++);
        float[] vector = vectors.near(random);
        live.put(added, vector);
        writer.addDocument(doc(added, vector));
      }
      if (round == 1) {
        writer.forceMerge(2);
      }
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        String where = format.cliName() + " round " + round;
        assertEquals(where + ": live documents", live.size(), reader.numDocs());
        reader.incRef();
        clients.publish(new View(reader, live));
        checkSearches(where, reader, live, deleted, updated, vectors, random);
      }
    }
  }

  /** A reader and the live documents' vectors as of that reader. */
  private record View(DirectoryReader reader, Map<String, float[]> live) {
    View {
      live = Map.copyOf(live);
    }
  }

  /**
   * Two clients searching the last published reader without pause; a hit that is not live as of
   * that reader, or not scored as its vector there, is a violation.
   */
  private static final class BackgroundSearches implements AutoCloseable {
    private static final int CLIENTS = 2;
    final AtomicLong searches = new AtomicLong();
    final AtomicLong violations = new AtomicLong();
    final AtomicReference<String> firstViolation = new AtomicReference<>();
    private final AtomicReference<View> view;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    BackgroundSearches(View first, ClusteredVectors vectors) {
      view = new AtomicReference<>(first);
      for (int c = 0; c < CLIENTS; c++) {
        Random random = new Random(100 + c);
        Thread client = new Thread(() -> searchUntilClosed(vectors, random), "searcher-" + c);
        client.start();
        threads.add(client);
      }
    }

    private void searchUntilClosed(ClusteredVectors vectors, Random random) {
      while (running.get()) {
        View current = view.get();
        if (!current.reader().tryIncRef()) {
          continue; // replaced and closed meanwhile: take the next
        }
        try {
          float[] query = vectors.near(random);
          IndexSearcher searcher = new IndexSearcher(current.reader());
          TopDocs top = searcher.search(new KnnFloatVectorQuery("v", query, SEARCH_LIST), K);
          for (ScoreDoc hit : top.scoreDocs) {
            String id = searcher.storedFields().document(hit.doc).get("id");
            float[] vector = current.live().get(id);
            if (vector == null || Math.abs(SIMILARITY.compare(query, vector) - hit.score) > 1e-5f) {
              violations.incrementAndGet();
              firstViolation.compareAndSet(
                  null, id + (vector == null ? " is not live" : " scored as another vector"));
            }
          }
          searches.incrementAndGet();
        } catch (IOException | RuntimeException e) {
          violations.incrementAndGet();
          firstViolation.compareAndSet(null, e.toString());
        } finally {
          decRef(current.reader());
        }
      }
    }

    /** Makes {@code next} the reader searched from now on, releasing the one before. */
    void publish(View next) {
      decRef(view.getAndSet(next).reader());
    }

    private static void decRef(DirectoryReader reader) {
      try {
        reader.decRef();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      running.set(false);
      for (Thread thread : threads) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      decRef(view.get().reader());
    }
  }

  private static void checkSearches(
      String where,
      DirectoryReader reader,
      Map<String, float[]> live,
      Set<String> deleted,
      List<String> updated,
      ClusteredVectors vectors,
      Random random)
      throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    double hits = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] query = vectors.near(random);
      List<String> found = search(searcher, query, where, live, deleted);
      Set<String> truth = ClusteredVectors.exactTop(live, query, SIMILARITY, K);
      for (String id : found) {
        hits += truth.contains(id) ? 1 : 0;
      }
    }
    double recall = hits / (QUERIES * K);
    assertTrue(where + ": recall@10 of live documents " + recall, recall >= 0.95);
    for (String id : updated.subList(0, Math.min(20, updated.size()))) {
      List<String> found = search(searcher, live.get(id), where, live, deleted);
      assertEquals(where + ": updated " + id + " at its new vector", id, found.get(0));
    }
  }

  /** The top K, each checked: live, and scored as its current vector. */
  private static List<String> search(
      IndexSearcher searcher,
      float[] query,
      String where,
      Map<String, float[]> live,
      Set<String> deleted)
      throws IOException {
    TopDocs top = searcher.search(new KnnFloatVectorQuery("v", query, SEARCH_LIST), K);
    List<String> ids = new ArrayList<>();
    for (ScoreDoc hit : top.scoreDocs) {
      String id = searcher.storedFields().document(hit.doc).get("id");
      assertTrue(where + ": deleted " + id + " returned", !deleted.contains(id));
      float[] current = live.get(id);
      assertTrue(where + ": " + id + " returned but not live", current != null);
      assertEquals(
          where + ": " + id + " scored as its current vector",
          SIMILARITY.compare(query, current),
          hit.score,
          1e-5f);
      ids.add(id);
    }
    assertEquals(where + ": hits", K, ids.size());
    return ids;
  }

  private static Document doc(String id, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField("id", id, Field.Store.YES));
    doc.add(new KnnFloatVectorField("v", vector, SIMILARITY));
    return doc;
  }
}
