package io.annscale.bench.run;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.GraphMergePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Builds one index of the base vectors with one format: single-threaded ingest (Lucene builds the
 * HNSW graph as documents arrive), then a force-merge to one segment, as a read-mostly index is
 * served. A finished build leaves {@code build.json} beside the index; a later run with the same
 * {@link BuildKey} reuses it.
 *
 * <p>Every flush during the ingest is committed with a {@link BuildCheckpoint}, so a build stopped
 * part way (a 10M-vector build outlasts the machine's session) resumes after its last flushed
 * segment; the force-merge is one step and is redone whole if stopped.
 */
public final class IndexBuilder {
  /** Vector field name in every benchmark index. */
  public static final String VECTOR_FIELD = "vector";

  /**
   * Doc-values field holding each document's base-file ordinal, so results map back to ground
   * truth.
   */
  public static final String ID_FIELD = "id";

  private static final String BUILD_RECORD = "build.json";
  private static final int BLOCK = 1024;
  private static final ThreadFactory MERGE_THREADS =
      new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
          Thread thread = new Thread(task, "annscale-merge-" + count.incrementAndGet());
          thread.setDaemon(true); // a failed build must not keep the JVM alive
          return thread;
        }
      };

  private final PrintWriter log;
  private final double ramBufferMb;
  private final int mergeWorkers;

  /** Single-threaded HNSW merges, as Lucene's formats default to. */
  public IndexBuilder(PrintWriter log, double ramBufferMb) {
    this(log, ramBufferMb, 1);
  }

  /**
   * @param log where progress and cache decisions are reported
   * @param ramBufferMb IndexWriter buffer; large enough to hold the data set avoids intermediate
   *     merges
   * @param mergeWorkers threads building an HNSW format's merged graph (Lucene's {@code
   *     numMergeWorkers}) and every DiskANN graph. Not part of the {@link BuildKey}: the graph's
   *     parameters are the same, though with more than one worker the graph depends on the threads'
   *     interleaving and is not repeatable
   */
  public IndexBuilder(PrintWriter log, double ramBufferMb, int mergeWorkers) {
    if (mergeWorkers < 1) {
      throw new IllegalArgumentException("mergeWorkers must be >= 1; mergeWorkers=" + mergeWorkers);
    }
    this.log = log;
    this.ramBufferMb = ramBufferMb;
    this.mergeWorkers = mergeWorkers;
  }

  /**
   * Returns the build record, building the index under {@code key.directory(root)} unless a
   * matching one exists.
   *
   * @param progress told the vector the ingest starts at (after the checkpoint when resuming), then
   *     how far it got
   */
  public BuildRecord build(BuildKey key, Path root, boolean rebuild, LongConsumer progress)
      throws IOException {
    Path dir = key.directory(root);
    Path record = dir.resolve(BUILD_RECORD);
    if (!rebuild && Files.exists(record)) {
      BuildRecord previous = BuildRecord.read(record);
      if (previous.key().equals(key)) {
        log.printf(
            Locale.ROOT,
            "bench: reusing %s index in %s (built %.1f s)%n",
            key.format(),
            dir,
            previous.buildSeconds());
        log.flush();
        return previous.asReused();
      }
      log.printf(
          Locale.ROOT,
          "bench: rebuilding %s: parameters changed (%s -> %s)%n",
          dir,
          previous.key(),
          key);
    }
    BuildCheckpoint checkpoint = rebuild ? null : resumable(dir, key);
    if (checkpoint == null) {
      if (Files.exists(dir)) {
        IOUtils.rm(dir);
      }
      Files.createDirectories(dir);
      checkpoint = BuildCheckpoint.start(key);
      log.printf(Locale.ROOT, "bench: building %s index in %s%n", key.format(), dir);
    } else {
      log.printf(
          Locale.ROOT,
          "bench: resuming %s index in %s at vector %d of %d (%.1f s of ingest kept from %d earlier run(s))%n",
          key.format(),
          dir,
          checkpoint.nextOrd(),
          key.count(),
          checkpoint.ingestSeconds(),
          checkpoint.attempts());
    }
    log.flush();
    if (checkpoint.merged()) { // stopped after its last commit, before the build record was written
      return finish(
          key,
          dir,
          record,
          checkpoint.ingestSeconds(),
          checkpoint.mergeSeconds(),
          checkpoint.attempts(),
          0);
    }
    ExecutorService mergeExec =
        mergeWorkers > 1 ? Executors.newFixedThreadPool(mergeWorkers, MERGE_THREADS) : null;
    try {
      return build(key, dir, record, checkpoint, progress, mergeExec);
    } finally {
      if (mergeExec != null) {
        mergeExec.shutdownNow();
      }
    }
  }

  private BuildRecord build(
      BuildKey key,
      Path dir,
      Path record,
      BuildCheckpoint checkpoint,
      LongConsumer progress,
      ExecutorService mergeExec)
      throws IOException {
    VectorFileInfo info = VectorFileInfo.read(key.base());
    VectorSimilarityFunction similarity = key.metric().toLucene();
    KnnVectorsFormat format =
        key.format()
            .create(
                key.maxConn(),
                key.beamWidth(),
                key.oversample(),
                key.options(),
                mergeWorkers,
                mergeExec);
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(format))
            .setOpenMode(
                checkpoint.nextOrd() == 0
                    ? IndexWriterConfig.OpenMode.CREATE
                    : IndexWriterConfig.OpenMode.APPEND)
            .setRAMBufferSizeMB(ramBufferMb)
            // PQ-HNSW and DiskANN flush without graphs: the force-merge gives a flushed segment its
            // graph. No merged segment in a compound file: a DiskAnnServingDirectory with read
            // settings cannot reach one
            .setMergePolicy(new GraphMergePolicy(noCompoundFiles(new TieredMergePolicy())))
            .setMergeScheduler(unthrottledMerges())
            .setInfoStream(new GraphBuildInfoStream(log))
            .setUseCompoundFile(false)
            // a build that fails must not commit the documents added since its last checkpoint
            .setCommitOnClose(false);
    double ingestSeconds;
    double mergeSeconds;
    int attempt = checkpoint.attempts() + 1;
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config);
        VectorFileReader reader = VectorFileReader.open(info, key.count())) {
      long start = System.nanoTime();
      reader.skip(checkpoint.nextOrd());
      float[] block = new float[BLOCK * info.dimension()];
      long ord = checkpoint.nextOrd();
      progress.accept(ord);
      for (int n; (n = reader.read(block, BLOCK)) > 0; ) {
        for (int i = 0; i < n; i++, ord++) {
          float[] vector = new float[info.dimension()];
          System.arraycopy(block, i * info.dimension(), vector, 0, vector.length);
          Document doc = new Document();
          doc.add(new KnnFloatVectorField(VECTOR_FIELD, vector, similarity));
          doc.add(new NumericDocValuesField(ID_FIELD, ord));
          writer.addDocument(doc);
          if (writer.numRamDocs() == 0 && ord + 1 < key.count()) {
            // a flush just wrote a segment: keep it, so a stopped build resumes after it
            commit(
                writer,
                new BuildCheckpoint(
                    key,
                    ord + 1,
                    checkpoint.ingestSeconds() + seconds(start),
                    Double.NaN,
                    attempt));
          }
        }
        progress.accept(ord);
      }
      writer.flush(); // the last segment (an HNSW format's graph included) is ingest time
      ingestSeconds = checkpoint.ingestSeconds() + seconds(start);
      if (!checkpoint.ingested()) {
        commit(writer, new BuildCheckpoint(key, key.count(), ingestSeconds, Double.NaN, attempt));
      }
      start = System.nanoTime();
      writer.forceMerge(1);
      mergeSeconds = seconds(start);
      commit(writer, new BuildCheckpoint(key, key.count(), ingestSeconds, mergeSeconds, attempt));
    }
    return finish(key, dir, record, ingestSeconds, mergeSeconds, attempt, mergeWorkers);
  }

  /**
   * Lucene's merge scheduler without its IO throttle. The build's merge is meant as a forced merge,
   * which Lucene never throttles; but a DiskANN flush without a graph is picked up first by the
   * graph merge policy as a natural merge, which the auto-throttle writes at 20 MB/s (its starting
   * rate): 55 s more for a 1M x 128 build (docs/benchmarks/ingestion.md), a cost of the policy's
   * timing, not of the format.
   */
  private static ConcurrentMergeScheduler unthrottledMerges() {
    ConcurrentMergeScheduler scheduler = new ConcurrentMergeScheduler();
    scheduler.disableAutoIOThrottle();
    return scheduler;
  }

  /**
   * @param mergeWorkers the graph builds' threads
   */
  private BuildRecord finish(
      BuildKey key,
      Path dir,
      Path record,
      double ingestSeconds,
      double mergeSeconds,
      int runs,
      int mergeWorkers)
      throws IOException {
    if (runs > 1) {
      log.printf(
          Locale.ROOT,
          "bench: %s build done over %d runs; build time is the sum of the work kept%n",
          key.format(),
          runs);
    }
    BuildRecord built =
        BuildRecord.measure(key, dir, ingestSeconds, mergeSeconds)
            .withRuns(runs)
            .withMergeWorkers(mergeWorkers);
    built.write(record);
    return built;
  }

  /**
   * The checkpoint of an unfinished build of {@code key} in {@code dir}, or null when there is none
   * to resume.
   */
  private static BuildCheckpoint resumable(Path dir, BuildKey key) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Directory directory = FSDirectory.open(dir)) {
      BuildCheckpoint checkpoint = BuildCheckpoint.read(directory);
      return checkpoint != null && checkpoint.key().equals(key) ? checkpoint : null;
    } catch (IOException | RuntimeException unreadable) {
      // a damaged index, an old format or an unknown codec: start over, as without a checkpoint
      return null;
    }
  }

  private static void commit(IndexWriter writer, BuildCheckpoint checkpoint) throws IOException {
    writer.setLiveCommitData(checkpoint.userData().entrySet());
    writer.commit();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static TieredMergePolicy noCompoundFiles(TieredMergePolicy policy) {
    policy.setNoCFSRatio(0.0);
    return policy;
  }
}
