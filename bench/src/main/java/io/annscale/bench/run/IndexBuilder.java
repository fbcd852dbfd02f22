package io.annscale.bench.run;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.codec.AnnscaleCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Builds one index of the base vectors with one format: single-threaded ingest (Lucene builds the HNSW graph
 * as documents arrive), then a force-merge to one segment, as a read-mostly index is served. A finished build
 * leaves {@code build.json} beside the index; a later run with the same {@link BuildKey} reuses it.
 */
public final class IndexBuilder {
  /** Vector field name in every benchmark index. */
  public static final String VECTOR_FIELD = "vector";

  /** Doc-values field holding each document's base-file ordinal, so results map back to ground truth. */
  public static final String ID_FIELD = "id";

  private static final String BUILD_RECORD = "build.json";
  private static final int BLOCK = 1024;

  private final PrintWriter log;
  private final double ramBufferMb;

  /**
   * @param log where progress and cache decisions are reported
   * @param ramBufferMb IndexWriter buffer; large enough to hold the data set avoids intermediate merges
   */
  public IndexBuilder(PrintWriter log, double ramBufferMb) {
    this.log = log;
    this.ramBufferMb = ramBufferMb;
  }

  /** Returns the build record, building the index under {@code key.directory(root)} unless a matching one exists. */
  public BuildRecord build(BuildKey key, Path root, boolean rebuild, LongConsumer progress) throws IOException {
    Path dir = key.directory(root);
    Path record = dir.resolve(BUILD_RECORD);
    if (!rebuild && Files.exists(record)) {
      BuildRecord previous = BuildRecord.read(record);
      if (previous.key().equals(key)) {
        log.printf(Locale.ROOT, "bench: reusing %s index in %s (built %.1f s)%n", key.format(), dir, previous.buildSeconds());
        log.flush();
        return previous.asReused();
      }
      log.printf(Locale.ROOT, "bench: rebuilding %s: parameters changed (%s -> %s)%n", dir, previous.key(), key);
    }
    if (Files.exists(dir)) {
      IOUtils.rm(dir);
    }
    Files.createDirectories(dir);
    log.printf(Locale.ROOT, "bench: building %s index in %s%n", key.format(), dir);
    log.flush();
    VectorFileInfo info = VectorFileInfo.read(key.base());
    VectorSimilarityFunction similarity = key.metric().toLucene();
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(new AnnscaleCodec(key.format().create(key.maxConn(), key.beamWidth(), key.oversample(), key.options())))
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(ramBufferMb)
            .setInfoStream(new GraphBuildInfoStream(log))
            .setUseCompoundFile(false);
    long ingestNanos;
    long mergeNanos;
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config);
        VectorFileReader reader = VectorFileReader.open(info, key.count())) {
      long start = System.nanoTime();
      float[] block = new float[BLOCK * info.dimension()];
      long ord = 0;
      for (int n; (n = reader.read(block, BLOCK)) > 0; ) {
        for (int i = 0; i < n; i++, ord++) {
          float[] vector = new float[info.dimension()];
          System.arraycopy(block, i * info.dimension(), vector, 0, vector.length);
          Document doc = new Document();
          doc.add(new KnnFloatVectorField(VECTOR_FIELD, vector, similarity));
          doc.add(new NumericDocValuesField(ID_FIELD, ord));
          writer.addDocument(doc);
        }
        progress.accept(ord);
      }
      writer.commit();
      ingestNanos = System.nanoTime() - start;
      start = System.nanoTime();
      writer.forceMerge(1);
      writer.commit();
      mergeNanos = System.nanoTime() - start;
    }
    BuildRecord built =
        BuildRecord.measure(key, dir, ingestNanos / 1e9, mergeNanos / 1e9);
    built.write(record);
    return built;
  }
}
