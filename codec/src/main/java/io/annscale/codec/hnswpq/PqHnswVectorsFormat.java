package io.annscale.codec.hnswpq;

import static org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;
import static org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
import static org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.DEFAULT_NUM_MERGE_WORKER;
import static org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH;
import static org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN;

import io.annscale.codec.GraphMergePolicy;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.store.IOContext;

/**
 * HNSW over product-quantized vectors: Lucene's HNSW graph, traversed with asymmetric-distance
 * (ADC) scores computed from PQ codes, and an exact rerank of the best {@code k x oversample}
 * candidates with the raw float vectors, so a {@link org.apache.lucene.search.KnnCollector} always
 * receives exact scores.
 *
 * <p>Composed the way {@code Lucene99HnswScalarQuantizedVectorsFormat} is: the graph files are
 * written and read by {@link Lucene99HnswVectorsWriter} / {@link Lucene99HnswVectorsReader} (see
 * {@link Lucene99HnswVectorsFormat} for {@code .vex} and {@code .vem}); the vectors by {@link
 * PqFlatVectorsFormat}, which keeps the raw vectors in {@code Lucene99FlatVectorsFormat} files
 * ({@code .vec}, {@code .vemf}) and adds the PQ codebooks ({@code .pqm}) and codes ({@code .pqc}).
 * The graph is built on exact float scores, at merge (see below), so graph quality equals Lucene's
 * float HNSW; only search uses the codes.
 *
 * <p>What search touches ("hot" data): the graph ({@code .vex}) and the codes ({@code .pqc}, {@code
 * codeBytes} per vector, e.g. 32 bytes for 128 dimensions with PQ8) off heap through the
 * directory's mmap, the codebooks on heap ({@code 256 x dimension} floats per field for PQ8), and
 * {@code k x oversample} raw vectors per query for the rerank.
 *
 * <p>Byte-encoded vector fields are not quantized: they are stored raw and searched with exact
 * scores.
 *
 * <h2>Segments without a graph</h2>
 *
 * <p>A flush builds no graph and trains no PQ, so an indexing thread only writes vectors: a flushed
 * segment holds the raw vectors alone ({@code .vec}, {@code .vemf}) and is searched exactly, every
 * accepted vector scored. So is a merged segment of fewer than {@link #graphThreshold()} documents.
 * A merge of at least that many writes the files above, on the merge's thread and, with {@code
 * numMergeWorkers > 1}, its executor. Such a segment carries two kinds of segment attributes:
 *
 * <ul>
 *   <li>{@code annscale.pqhnsw.withoutGraph.<suffix>} = {@code true}, {@code <suffix>} being the
 *       format's segment suffix: tells the reader which files to open. A segment without it (a
 *       merged one, or one written before flushes went without graphs) has the graph files.
 *   <li>{@link GraphMergePolicy#WITHOUT_GRAPH} and {@link GraphMergePolicy#GRAPH_THRESHOLD}: the
 *       vectors waiting for a graph and the threshold, read by {@link GraphMergePolicy}, which
 *       should wrap the index's merge policy so that such segments are merged into ones with a
 *       graph instead of piling up as exact scans.
 * </ul>
 *
 * <p>Parameters are fixed per segment at write time and persisted ({@code .pqm}): a reader created
 * through SPI needs none.
 */
public final class PqHnswVectorsFormat extends KnnVectorsFormat {

  /** SPI name, written into every segment that uses this format. */
  public static final String NAME = "AnnscalePqHnsw1";

  /**
   * Fewest documents a merged segment needs for a graph, by default: below it an exact scan of the
   * raw vectors costs about what a graph search with its rerank does, and a merge stays cheap.
   */
  public static final int DEFAULT_GRAPH_THRESHOLD = 10_000;

  private static final String WITHOUT_GRAPH_ATTRIBUTE = "annscale.pqhnsw.withoutGraph.";

  private final int maxConn;
  private final int beamWidth;
  private final PqParameters pq;
  private final int graphThreshold;
  private final int numMergeWorkers;
  private final TaskExecutor mergeExec;
  private final PqFlatVectorsFormat flatVectorsFormat;

  /** Defaults: Lucene's HNSW defaults (M=16, beamWidth=100) and {@link PqParameters#DEFAULT}. */
  public PqHnswVectorsFormat() {
    this(DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH, PqParameters.DEFAULT);
  }

  /** Lucene's HNSW defaults with the given PQ parameters. */
  public PqHnswVectorsFormat(PqParameters pq) {
    this(DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH, pq);
  }

  /**
   * @param maxConn graph neighbours per node (Lucene's {@code M}), 1..{@value
   *     Lucene99HnswVectorsFormat#MAXIMUM_MAX_CONN}
   * @param beamWidth candidate queue size while building, 1..{@value
   *     Lucene99HnswVectorsFormat#MAXIMUM_BEAM_WIDTH}
   * @param pq quantization parameters
   */
  public PqHnswVectorsFormat(int maxConn, int beamWidth, PqParameters pq) {
    this(maxConn, beamWidth, pq, DEFAULT_NUM_MERGE_WORKER, null);
  }

  /**
   * @param numMergeWorkers threads building a merged graph; more than 1 needs {@code mergeExec}
   * @param mergeExec executor for merge workers, or null for single-threaded merges
   */
  public PqHnswVectorsFormat(
      int maxConn, int beamWidth, PqParameters pq, int numMergeWorkers, ExecutorService mergeExec) {
    this(maxConn, beamWidth, pq, DEFAULT_GRAPH_THRESHOLD, numMergeWorkers, mergeExec);
  }

  /**
   * @param graphThreshold fewest documents a merged segment needs for a graph, >= 0 (0: every merge
   *     builds one); a flushed segment never has one
   * @param numMergeWorkers threads building a merged graph; more than 1 needs {@code mergeExec}
   * @param mergeExec executor for merge workers, or null for single-threaded merges
   */
  public PqHnswVectorsFormat(
      int maxConn,
      int beamWidth,
      PqParameters pq,
      int graphThreshold,
      int numMergeWorkers,
      ExecutorService mergeExec) {
    super(NAME);
    if (graphThreshold < 0) {
      throw new IllegalArgumentException(
          "graphThreshold must be >= 0; graphThreshold=" + graphThreshold);
    }
    if (maxConn <= 0 || maxConn > MAXIMUM_MAX_CONN) {
      throw new IllegalArgumentException(
          "maxConn must be in 1.." + MAXIMUM_MAX_CONN + "; maxConn=" + maxConn);
    }
    if (beamWidth <= 0 || beamWidth > MAXIMUM_BEAM_WIDTH) {
      throw new IllegalArgumentException(
          "beamWidth must be in 1.." + MAXIMUM_BEAM_WIDTH + "; beamWidth=" + beamWidth);
    }
    if (numMergeWorkers < 1) {
      throw new IllegalArgumentException(
          "numMergeWorkers must be >= 1; numMergeWorkers=" + numMergeWorkers);
    }
    if (numMergeWorkers == 1 && mergeExec != null) {
      throw new IllegalArgumentException(
          "numMergeWorkers=1 merges on the calling thread: pass no executor");
    }
    this.maxConn = maxConn;
    this.beamWidth = beamWidth;
    this.pq = pq;
    this.graphThreshold = graphThreshold;
    this.numMergeWorkers = numMergeWorkers;
    this.mergeExec = mergeExec == null ? null : new TaskExecutor(mergeExec);
    this.flatVectorsFormat = new PqFlatVectorsFormat(pq);
  }

  /** Fewest documents a merged segment needs for a graph; a flushed segment never has one. */
  public int graphThreshold() {
    return graphThreshold;
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    boolean graph =
        state.context.context == IOContext.Context.MERGE
            && state.segmentInfo.maxDoc() >= graphThreshold;
    if (graph == false) {
      return new PqHnswFlatSegmentWriter(
          state, flatVectorsFormat.rawVectorsFormat().fieldsWriter(state), graphThreshold);
    }
    return new Lucene99HnswVectorsWriter(
        state,
        maxConn,
        beamWidth,
        flatVectorsFormat.fieldsWriter(state),
        numMergeWorkers,
        mergeExec);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    if (withoutGraph(state.segmentInfo, state.segmentSuffix)) {
      return new PqHnswFlatSegmentReader(flatVectorsFormat.rawVectorsFormat().fieldsReader(state));
    }
    PqFlatVectorsReader vectors = flatVectorsFormat.fieldsReader(state);
    boolean success = false;
    try {
      KnnVectorsReader reader =
          new PqHnswVectorsReader(new Lucene99HnswVectorsReader(state, vectors), vectors);
      success = true;
      return reader;
    } finally {
      if (success == false) {
        org.apache.lucene.util.IOUtils.closeWhileHandlingException(vectors);
      }
    }
  }

  /** Marks the segment's vectors of this format (its {@code suffix}) as written without a graph. */
  static void markWithoutGraph(SegmentInfo segment, String suffix) {
    segment.putAttribute(WITHOUT_GRAPH_ATTRIBUTE + suffix, "true");
  }

  /** Whether the segment's vectors of this format were written without a graph. */
  static boolean withoutGraph(SegmentInfo segment, String suffix) {
    return "true".equals(segment.getAttribute(WITHOUT_GRAPH_ATTRIBUTE + suffix));
  }

  /**
   * The largest dimension accepted (tested at this size): four times Lucene's default, so 1,536-
   * and 3,072-d embeddings fit; Solr's field types refuse a larger schema dimension at load.
   */
  public static final int MAX_DIMENSIONS = 4096;

  @Override
  public int getMaxDimensions(String fieldName) {
    return MAX_DIMENSIONS;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s(name=%s, maxConn=%d, beamWidth=%d, graphThreshold=%d, %s)",
        getClass().getSimpleName(),
        NAME,
        maxConn,
        beamWidth,
        graphThreshold,
        pq);
  }
}
