package io.annscale.bench.run;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.testutil.GeneratedDataSet;
import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A build stopped part way resumes from its last checkpoint and ends with every vector indexed
 * exactly once.
 */
public class IndexBuilderTest {
  private static final int COUNT = 4_000;
  private static final int DIM = 16;

  /** Small enough that the ingest flushes (and checkpoints) several times. */
  private static final double RAM_BUFFER_MB = 0.1;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void stoppedBuildResumesAfterItsLastFlush() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    StringWriter firstLog = new StringWriter();
    RuntimeException stop = new RuntimeException("machine stopped");
    assertThrows(
        RuntimeException.class,
        () ->
            new IndexBuilder(new PrintWriter(firstLog), RAM_BUFFER_MB)
                .build(
                    key,
                    root,
                    false,
                    ord -> {
                      if (ord >= 3_000) {
                        throw stop;
                      }
                    }));
    BuildCheckpoint checkpoint;
    try (Directory directory = FSDirectory.open(key.directory(root))) {
      checkpoint = BuildCheckpoint.read(directory);
    }
    assertNotNull("a flush before the stop left a checkpoint: " + firstLog, checkpoint);
    assertTrue(checkpoint.toString(), checkpoint.nextOrd() > 0 && checkpoint.nextOrd() <= 3_000);
    assertEquals(1, checkpoint.attempts());
    assertEquals(key, checkpoint.key());

    StringWriter secondLog = new StringWriter();
    List<Long> progress = new ArrayList<>();
    BuildRecord record =
        new IndexBuilder(new PrintWriter(secondLog), RAM_BUFFER_MB)
            .build(key, root, false, progress::add);
    assertEquals("progress starts at the checkpoint", checkpoint.nextOrd(), (long) progress.get(0));
    assertEquals(COUNT, (long) progress.get(progress.size() - 1));
    assertTrue(secondLog.toString(), secondLog.toString().contains("resuming LUCENE_HNSW index"));
    assertTrue(
        secondLog.toString(),
        secondLog.toString().contains("at vector " + checkpoint.nextOrd() + " of " + COUNT));
    assertTrue(
        "kept ingest time is carried over", record.ingestSeconds() >= checkpoint.ingestSeconds());
    assertFalse(record.reused());
    assertEquals("runs that built it", 2, record.runs());
    assertEveryVectorOnce(key.directory(root), data.base());

    StringWriter thirdLog = new StringWriter();
    new IndexBuilder(new PrintWriter(thirdLog), RAM_BUFFER_MB).build(key, root, false, ord -> {});
    assertTrue(
        "a finished build is reused, not resumed: " + thirdLog,
        thirdLog.toString().contains("reusing"));
  }

  @Test
  public void rebuildIgnoresTheCheckpoint() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    stopAfter3000(key, root);
    StringWriter log = new StringWriter();
    new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB).build(key, root, true, ord -> {});
    assertFalse(log.toString(), log.toString().contains("resuming"));
    assertEveryVectorOnce(key.directory(root), data.base());
  }

  @Test
  public void mergedBuildWithoutItsRecordIsNotRedone() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    BuildRecord first =
        new IndexBuilder(new PrintWriter(new StringWriter()), RAM_BUFFER_MB)
            .build(key, root, false, ord -> {});
    assertEquals(1, first.runs());
    Files.delete(
        key.directory(root)
            .resolve("build.json")); // as if stopped between the last commit and the record
    StringWriter log = new StringWriter();
    BuildRecord again =
        new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB)
            .build(
                key,
                root,
                false,
                ord -> {
                  throw new AssertionError("nothing is left to ingest");
                });
    assertEquals(log.toString(), first.ingestSeconds(), again.ingestSeconds(), 0);
    assertEquals(
        "the merge's time is kept, not remeasured on a no-op",
        first.mergeSeconds(),
        again.mergeSeconds(),
        0);
    assertEveryVectorOnce(key.directory(root), data.base());
  }

  @Test
  public void unreadableIndexIsBuiltAgain() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    Files.createDirectories(key.directory(root));
    Files.write(key.directory(root).resolve("segments_1"), new byte[] {1, 2, 3});
    StringWriter log = new StringWriter();
    new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB).build(key, root, false, ord -> {});
    assertTrue(log.toString(), log.toString().contains("building LUCENE_HNSW index"));
    assertEveryVectorOnce(key.directory(root), data.base());
  }

  @Test
  public void mergeWorkersAreRecordedAndAnotherCountReusesTheIndex() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    BuildRecord built =
        new IndexBuilder(new PrintWriter(new StringWriter()), RAM_BUFFER_MB, 2)
            .build(key, root, false, ord -> {});
    assertEquals("the merge's threads are recorded", 2, built.mergeWorkers());
    assertEveryVectorOnce(key.directory(root), data.base());
    StringWriter log = new StringWriter();
    BuildRecord reused =
        new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB, 1).build(key, root, false, ord -> {});
    assertTrue("another thread count reuses the index: " + log, log.toString().contains("reusing"));
    assertEquals("the record keeps the threads it was built with", 2, reused.mergeWorkers());
    assertThrows(
        IllegalArgumentException.class,
        () -> new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB, 0));
  }

  @Test
  public void recordWrittenBeforeMergeWorkersIsReused() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    new IndexBuilder(new PrintWriter(new StringWriter()), RAM_BUFFER_MB)
        .build(key, root, false, ord -> {});
    Path record = key.directory(root).resolve("build.json");
    String json = Files.readString(record);
    String old =
        json.replaceAll(",\\s*\"mergeWorkers\"\\s*:\\s*\\d+", "")
            .replaceAll("\"diskAnnPqSubspaces\"\\s*:\\s*\\d+\\s*,\\s*", "");
    assertFalse(old, old.contains("mergeWorkers") || old.contains("diskAnnPqSubspaces"));
    Files.writeString(record, old);
    StringWriter log = new StringWriter();
    BuildRecord reused =
        new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB, 2).build(key, root, false, ord -> {});
    assertTrue(log.toString(), log.toString().contains("reusing"));
    assertEquals("not recorded", 0, reused.mergeWorkers());
  }

  @Test
  public void checkpointWrittenBeforeTheNewerOptionsIsResumed() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, DIM, 1);
    Path root = tmp.newFolder().toPath();
    BuildKey key = luceneKey(data);
    stopAfter3000(key, root);
    // the key as f643a42 wrote it (the 10M checkpoints): options without diskAnnPqSubspaces and
    // mergeWorkers
    try (Directory directory = FSDirectory.open(key.directory(root));
        IndexWriter writer =
            new IndexWriter(
                directory,
                new IndexWriterConfig()
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                    .setCommitOnClose(false))) {
      Map<String, String> userData =
          new HashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
      String keyJson = userData.get("annscale.build.key");
      String old =
          keyJson.replaceAll(
              "\"options\":\\{[^}]*}",
              "\"options\":{\"pqSubspaces\":0,\"diskAnnMaxDegree\":0,\"diskAnnBuildList\":0,\"diskAnnBeamWidth\":0}");
      assertTrue(old, !old.equals(keyJson) && !old.contains("mergeWorkers"));
      userData.put("annscale.build.key", old);
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
    }
    StringWriter log = new StringWriter();
    new IndexBuilder(new PrintWriter(log), RAM_BUFFER_MB, 2).build(key, root, false, ord -> {});
    assertTrue(log.toString(), log.toString().contains("resuming LUCENE_HNSW index"));
    assertEveryVectorOnce(key.directory(root), data.base());
  }

  /**
   * A build that stops (throws) once the ingest passes vector 3,000, after at least one checkpoint.
   */
  private static void stopAfter3000(BuildKey key, Path root) {
    assertThrows(
        IllegalStateException.class,
        () ->
            new IndexBuilder(new PrintWriter(new StringWriter()), RAM_BUFFER_MB)
                .build(
                    key,
                    root,
                    false,
                    ord -> {
                      if (ord >= 3_000) {
                        throw new IllegalStateException("stop");
                      }
                    }));
  }

  private static BuildKey luceneKey(GeneratedDataSet data) throws IOException {
    return BuildKey.of(
        data.base(), COUNT, Metric.EUCLIDEAN, VectorFormatChoice.LUCENE_HNSW, 8, 20, 0);
  }

  /** One segment holding base vector {@code i} under id {@code i}, for every {@code i}, once. */
  private static void assertEveryVectorOnce(Path indexDir, Path base) throws IOException {
    float[] expected = new float[COUNT * DIM];
    try (VectorFileReader reader = VectorFileReader.open(base)) {
      assertEquals(COUNT, reader.read(expected, COUNT));
    }
    try (Directory directory = FSDirectory.open(indexDir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      assertEquals(1, reader.leaves().size());
      assertEquals(COUNT, reader.numDocs());
      LeafReader leaf = reader.leaves().get(0).reader();
      NumericDocValues ids = leaf.getNumericDocValues(IndexBuilder.ID_FIELD);
      FloatVectorValues vectors = leaf.getFloatVectorValues(IndexBuilder.VECTOR_FIELD);
      boolean[] seen = new boolean[COUNT];
      for (int doc = vectors.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = vectors.nextDoc()) {
        assertTrue(ids.advanceExact(doc));
        int id = (int) ids.longValue();
        assertFalse("id " + id + " indexed twice", seen[id]);
        seen[id] = true;
        float[] want = new float[DIM];
        System.arraycopy(expected, id * DIM, want, 0, DIM);
        assertArrayEquals("vector of id " + id, want, vectors.vectorValue(), 0f);
      }
    }
  }
}
