package io.annscale.bench.solr;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrInputDocument;

/**
 * Streams base vectors into a collection through SolrJ: one reader builds batches of documents (id
 * = the vector's ordinal, field {@code vector}), {@code threads} senders add them. A batch the
 * cluster refuses (a leader being elected, a node restarting) is sent again after a pause, up to a
 * minute, so nothing acknowledged is lost and nothing is silently skipped. Commits are the
 * collection's own (the configsets soft-commit every second).
 */
final class SolrIngester {
  private static final int ATTEMPTS = 120;
  private static final long RETRY_PAUSE_MILLIS = 500;

  record Outcome(long documents, double seconds, long refusedBatches) {}

  private SolrIngester() {}

  static Outcome ingest(
      CloudSolrClient client,
      String collection,
      Path base,
      long count,
      int batchSize,
      int threads,
      LongConsumer progress)
      throws IOException, InterruptedException {
    VectorFileInfo info = VectorFileInfo.read(base);
    int dimension = info.dimension();
    BlockingQueue<List<SolrInputDocument>> queue = new ArrayBlockingQueue<>(threads * 2);
    List<SolrInputDocument> end = new ArrayList<>();
    AtomicLong sent = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (List<SolrInputDocument> batch = queue.take();
                      batch != end;
                      batch = queue.take()) {
                    send(client, collection, batch, refused);
                    progress.accept(sent.addAndGet(batch.size()));
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-ingest-" + t);
      sender.setDaemon(true);
      sender.start();
      senders.add(sender);
    }
    long start = System.nanoTime();
    try (VectorFileReader reader = VectorFileReader.open(info, count)) {
      float[] block = new float[batchSize * dimension];
      long ordinal = 0;
      while (ordinal < count && failure.get() == null) {
        int n = reader.read(block, (int) Math.min(batchSize, count - ordinal));
        if (n <= 0) {
          break;
        }
        queue.put(documents(block, n, dimension, ordinal));
        ordinal += n;
      }
    } finally {
      for (int t = 0; t < threads; t++) {
        queue.put(end);
      }
      for (Thread sender : senders) {
        sender.join();
      }
    }
    if (failure.get() != null) {
      throw new IOException(
          "ingesting into "
              + collection
              + " failed after "
              + sent.get()
              + " documents: "
              + failure.get().getMessage(),
          failure.get());
    }
    return new Outcome(sent.get(), (System.nanoTime() - start) / 1e9, refused.get());
  }

  /**
   * Documents for {@code n} vectors of a block: id = the vector's ordinal in the base file, field
   * {@code vector}.
   */
  static List<SolrInputDocument> documents(float[] block, int n, int dimension, long firstOrdinal) {
    List<SolrInputDocument> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SolrInputDocument doc = new SolrInputDocument();
      doc.addField("id", Long.toString(firstOrdinal + i));
      List<Float> vector = new ArrayList<>(dimension);
      for (int d = 0; d < dimension; d++) {
        vector.add(block[i * dimension + d]);
      }
      doc.addField("vector", vector);
      batch.add(doc);
    }
    return batch;
  }

  static void send(
      CloudSolrClient client, String collection, List<SolrInputDocument> batch, AtomicLong refused)
      throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        client.add(collection, batch);
        return;
      } catch (Exception e) {
        refused.incrementAndGet();
        if (attempt == ATTEMPTS) {
          throw e;
        }
        Thread.sleep(RETRY_PAUSE_MILLIS);
      }
    }
  }
}
