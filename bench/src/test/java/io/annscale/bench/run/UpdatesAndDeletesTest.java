package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.codec.AnnscaleCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * Updates and deletes, for every format, through flushes and merges (natural ones and a forced
 * one): once a reader sees a round's changes, no deleted document is returned, every hit scores as
 * its current vector (never an old one), an updated document is found at its new vector, and
 * recall@10 against exact ground truth of the live documents stays >= 0.95.
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
    float[][] centres = new float[20][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = gaussian(random, 4f);
    }
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
        float[] vector = near(centres, random);
        live.put(id, vector);
        writer.addDocument(doc(id, vector));
      }
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
            float[] vector = near(centres, random);
            live.put(changed, vector);
            updated.add(changed);
            writer.updateDocument(new Term("id", changed), doc(changed, vector));
          }
          String added = Integer.toString(nextId++);
          float[] vector = near(centres, random);
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
          checkSearches(where, reader, live, deleted, updated, centres, random);
        }
      }
    }
  }

  private static void checkSearches(
      String where,
      DirectoryReader reader,
      Map<String, float[]> live,
      Set<String> deleted,
      List<String> updated,
      float[][] centres,
      Random random)
      throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    double hits = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] query = near(centres, random);
      List<String> found = search(searcher, query, where, live, deleted);
      Set<String> truth = exactTop(live, query);
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

  private static Set<String> exactTop(Map<String, float[]> live, float[] query) {
    List<Map.Entry<String, float[]>> all = new ArrayList<>(live.entrySet());
    all.sort(
        Comparator.<Map.Entry<String, float[]>>comparingDouble(
                e -> -SIMILARITY.compare(query, e.getValue()))
            .thenComparing(Map.Entry::getKey));
    Set<String> top = new HashSet<>();
    for (int i = 0; i < K; i++) {
      top.add(all.get(i).getKey());
    }
    return top;
  }

  private static Document doc(String id, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField("id", id, Field.Store.YES));
    doc.add(new KnnFloatVectorField("v", vector, SIMILARITY));
    return doc;
  }

  private static float[] near(float[][] centres, Random random) {
    float[] centre = centres[random.nextInt(centres.length)];
    float[] v = gaussian(random, 1f);
    for (int d = 0; d < DIMENSION; d++) {
      v[d] += centre[d];
    }
    return v;
  }

  private static float[] gaussian(Random random, float scale) {
    float[] v = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) random.nextGaussian() * scale;
    }
    return v;
  }
}
