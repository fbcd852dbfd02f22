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
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrInputDocument;

/**
 * Streams base vectors into a collection through SolrJ: one reader builds batches of documents (id
 * = the vector's ordinal, field {@code vector}), {@code threads} senders add them. A batch the
 * cluster refuses (a leader being elected, a node restarting) is sent again after a pause, up to a
 * minute, so nothing acknowledged is lost and nothing is silently skipped. Commits are the
 * collection's own (the configsets soft-commit every second). Every update request's latency, as
 * its sender waits for it (retries included), is recorded: a flush that builds a graph shows as a
 * request that waits minutes.
 */
final class SolrIngester {
  private static final int ATTEMPTS = 120;
  private static final long RETRY_PAUSE_MILLIS = 500;

  /**
   * @param updateLatency microseconds each batch took from its first send until acknowledged
   */
  record Outcome(long documents, double seconds, long refusedBatches, Histogram updateLatency) {}

  /** Longest update latency recorded exactly: ten minutes, beyond any request that succeeds. */
  private static final long MAX_RECORDED_MICROS = 600_000_000L;

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
    Histogram latency = new ConcurrentHistogram(MAX_RECORDED_MICROS, 3);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (List<SolrInputDocument> batch = queue.take();
                      batch != end;
                      batch = queue.take()) {
                    long sendStart = System.nanoTime();
                    send(client, collection, batch, refused);
                    latency.recordValue(
                        Math.min((System.nanoTime() - sendStart) / 1_000, MAX_RECORDED_MICROS));
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
    return new Outcome(sent.get(), (System.nanoTime() - start) / 1e9, refused.get(), latency);
  }

  /**
   * Documents for {@code n} vectors of a block: id = the vector's ordinal in the base file, field
   * {@code vector}, and the filter field {@link SolrQueries#BUCKET_FIELD} = ordinal mod 100.
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
      doc.addField(SolrQueries.BUCKET_FIELD, SolrQueries.bucket(firstOrdinal + i));
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
