package io.annscale.bench.solr;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * One client feeding a collection in the background at a steady rate, so that ingestion goes on
 * through a fault however long it lasts: batches of base vectors (id = ordinal) are sent no faster
 * than {@code documentsPerSecond}, a refused batch is sent again ({@link SolrIngester#send}), and
 * documents acknowledged while {@link #faultInEffect} is set are counted apart. A cycling ingestion
 * starts again from the first vector after the last, re-indexing the same ids (updates, each
 * deleting its older version) until {@link #stop}: the steady churn of a soak.
 */
final class PacedIngestion implements AutoCloseable {
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong acknowledgedDuringFault = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicBoolean faultInEffect = new AtomicBoolean();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread sender;

  PacedIngestion(
      CloudSolrClient client,
      String collection,
      Path base,
      int documents,
      int batchSize,
      double documentsPerSecond) {
    this(client, collection, base, documents, batchSize, documentsPerSecond, false);
  }

  /**
   * @param cycle after the last of {@code documents}, start again from the first, until {@link
   *     #stop}
   */
  PacedIngestion(
      CloudSolrClient client,
      String collection,
      Path base,
      int documents,
      int batchSize,
      double documentsPerSecond,
      boolean cycle) {
    if (documentsPerSecond <= 0) {
      throw new IllegalArgumentException(
          "ingestion rate " + documentsPerSecond + " documents/s: must be > 0");
    }
    sender =
        new Thread(
            () -> {
              try {
                VectorFileInfo info = VectorFileInfo.read(base);
                long start = System.nanoTime();
                long sentBefore = 0;
                do {
                  sentBefore =
                      sendOnce(
                          client,
                          collection,
                          info,
                          documents,
                          batchSize,
                          documentsPerSecond,
                          start,
                          sentBefore);
                } while (cycle && !stopped.get());
              } catch (Exception e) {
                failure.set(e);
              }
            },
            "bench-paced-ingest");
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * Sends the first {@code documents} vectors once, paced from {@code start} as if {@code
   * sentBefore} documents had gone before; returns the documents sent in all.
   */
  private long sendOnce(
      CloudSolrClient client,
      String collection,
      VectorFileInfo info,
      int documents,
      int batchSize,
      double documentsPerSecond,
      long start,
      long sentBefore)
      throws Exception {
    try (VectorFileReader reader = VectorFileReader.open(info, documents)) {
      float[] block = new float[batchSize * info.dimension()];
      for (long sent = 0; sent < documents && !stopped.get(); ) {
        long due = start + (long) ((sentBefore + sent) / documentsPerSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        int n = reader.read(block, (int) Math.min(batchSize, documents - sent));
        SolrIngester.send(
            client, collection, SolrIngester.documents(block, n, info.dimension(), sent), refused);
        sent += n;
        acknowledged.addAndGet(n);
        if (faultInEffect.get()) {
          acknowledgedDuringFault.addAndGet(n);
        }
      }
    }
    return sentBefore + documents;
  }

  /** Ends a cycling ingestion after the batch in flight. */
  void stop() {
    stopped.set(true);
  }

  /** Marks the documents acknowledged from now on as acknowledged during the fault, or not. */
  void faultInEffect(boolean inEffect) {
    faultInEffect.set(inEffect);
  }

  long acknowledged() {
    return acknowledged.get();
  }

  long acknowledgedDuringFault() {
    return acknowledgedDuringFault.get();
  }

  /** Sends that the cluster refused and that were made again. */
  long refused() {
    return refused.get();
  }

  /** Whether every document was sent or the sender gave up. */
  boolean finished() {
    return !sender.isAlive();
  }

  /**
   * Waits for the last batch; throws what stopped ingestion (a batch refused for longer than {@link
   * SolrIngester#send} retries).
   */
  @Override
  public void close() throws Exception {
    sender.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
