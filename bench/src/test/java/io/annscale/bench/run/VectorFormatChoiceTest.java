package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.codec.AnnscaleCodec;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.Test;

/** Merge workers reach the HNSW formats' merges: the executor runs the merged graph's build. */
public class VectorFormatChoiceTest {
  private static final int SEGMENTS = 3;
  private static final int DOCS_PER_SEGMENT = 400;
  private static final int DIM = 8;

  @Test
  public void hnswFormatsMergeOnTheGivenWorkers() throws Exception {
    for (VectorFormatChoice format :
        new VectorFormatChoice[] {
          VectorFormatChoice.LUCENE_HNSW,
          VectorFormatChoice.LUCENE_HNSW_INT7,
          VectorFormatChoice.PQ8_HNSW
        }) {
      AtomicInteger tasks = new AtomicInteger();
      ExecutorService pool = countingPool(2, tasks);
      try {
        mergeSegments(format, 2, pool);
        // Lucene runs one worker on the merging thread and hands the others to the executor
        assertTrue(format + ": merge tasks handed to the executor: " + tasks, tasks.get() >= 1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  public void oneWorkerTakesNoExecutorAndMoreNeedOne() {
    ExecutorService pool = countingPool(1, new AtomicInteger());
    try {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  VectorFormatChoice.LUCENE_HNSW.create(8, 20, 0, FormatOptions.DEFAULT, 1, pool));
      assertTrue(e.getMessage(), e.getMessage().contains("mergeWorkers=1"));
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> VectorFormatChoice.PQ8_HNSW.create(8, 20, 0, FormatOptions.DEFAULT, 2, null));
      assertTrue(e.getMessage(), e.getMessage().contains("mergeWorkers=2"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void mergeSegments(VectorFormatChoice format, int workers, ExecutorService exec)
      throws IOException {
    Random random = new Random(7);
    try (Directory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config =
          new IndexWriterConfig()
              .setCodec(
                  new AnnscaleCodec(format.create(8, 20, 0, FormatOptions.DEFAULT, workers, exec)))
              .setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int s = 0; s < SEGMENTS; s++) {
          for (int d = 0; d < DOCS_PER_SEGMENT; d++) {
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
              v[i] = random.nextFloat();
            }
            Document doc = new Document();
            doc.add(new KnnFloatVectorField("v", v, VectorSimilarityFunction.EUCLIDEAN));
            writer.addDocument(doc);
          }
          writer.commit();
        }
      }
      IndexWriterConfig merging =
          new IndexWriterConfig()
              .setCodec(
                  new AnnscaleCodec(format.create(8, 20, 0, FormatOptions.DEFAULT, workers, exec)));
      try (IndexWriter writer = new IndexWriter(dir, merging)) {
        writer.forceMerge(1);
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(1, reader.leaves().size());
        assertEquals(SEGMENTS * DOCS_PER_SEGMENT, reader.numDocs());
      }
    }
  }

  /**
   * A pool that counts the tasks handed to it (when handed, so the count is complete once the merge
   * returns).
   */
  private static ExecutorService countingPool(int threads, AtomicInteger tasks) {
    return new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
      @Override
      public void execute(Runnable task) {
        tasks.incrementAndGet();
        super.execute(task);
      }
    };
  }
}
