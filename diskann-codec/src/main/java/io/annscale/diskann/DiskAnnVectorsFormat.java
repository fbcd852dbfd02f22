package io.annscale.diskann;

import io.annscale.codec.GraphMergePolicy;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;

/**
 * A DiskANN-style vector format: per segment and field a Vamana graph whose nodes live in
 * fixed-size blocks, each holding the node's full vector and its adjacency, packed into 4 KiB
 * sectors, so a search reads one sector per node it expands; product-quantized codes of every
 * vector (the residual PQ of {@link io.annscale.codec.hnswpq.PqFlatVectorsFormat}) are held in
 * memory and steer the search; exact scores come from the blocks read. See {@link
 * DiskAnnParameters} for the knobs and {@link DiskAnnKnnFloatVectorQuery} for query-time ones.
 *
 * <h2>When graphs are built</h2>
 *
 * <p>Never at a flush: a flushed segment holds its vectors without a graph or PQ codes and is
 * searched exactly, so an indexing thread never waits on a graph build or a quantizer's training. A
 * merge builds the merged segment's graph, on Lucene's intra-merge executor, when it holds at least
 * {@link DiskAnnParameters#graphThreshold} vectors (starting from its largest merged graph); a
 * smaller merged segment stays without one. {@link GraphMergePolicy} then merges a segment without
 * a graph at or over the threshold on its own, and smaller ones together until they reach it, so
 * that vectors get into segments with graphs on merge threads without waiting for the wrapped
 * policy.
 *
 * <h2>Files</h2>
 *
 * <p>Every file starts with {@code CodecUtil.writeIndexHeader} (codec name, {@link
 * #VERSION_CURRENT}, segment id and suffix) and ends with {@code CodecUtil.writeFooter} (checksum).
 * Integers are little-endian.
 *
 * <h3>{@code .dam}: metadata, read whole at open</h3>
 *
 * <p>Per field with vectors, in order, then {@code -1} (int32):
 *
 * <ul>
 *   <li>field number (int32); vector encoding (vint: 0 BYTE, 1 FLOAT32); similarity (vint, the
 *       index into Lucene's {@code Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS}); dimension
 *       (vint); vector count {@code n} (int32)
 *   <li>Vamana parameters: max degree {@code R} (vint), build list size {@code L} (vint), alpha
 *       (float32 bits as int32); search defaults: search list size (vint), beam width (vint);
 *       hot-node cache budget in bytes (vlong)
 *   <li>entry node position, the medoid's (int32, 0 for a non-empty field; -1 when {@code n = 0})
 *   <li>node region: offset and length in {@code .dan} (vlong, vlong); the offset is a multiple of
 *       4,096; then the offset of the ordinal-to-position map in {@code .dan} (vlong)
 *   <li>graph flag (byte, since {@link #VERSION_FLAT_SEGMENTS}; earlier entries all have a graph):
 *       1 when the node blocks hold a Vamana graph, 0 when every out-degree is 0, nodes are in
 *       ordinal order and searches score every vector exactly (no hot-node cache is loaded: no node
 *       is read more often than another)
 *   <li>ordinal to document mapping: Lucene's {@code OrdToDocDISIReaderConfiguration} stored meta
 *       (its IndexedDISI and DirectMonotonic data follow the node region in {@code .dan})
 *   <li>PQ entry, exactly as in {@code .pqm} of {@link
 *       io.annscale.codec.hnswpq.PqFlatVectorsFormat}: field number, similarity, dimension, count,
 *       bits, sub-spaces, oversample (unused), coarse centroids and residual codebooks (float32),
 *       codes offset and length in {@code .dap}; a field without a graph has a PQ entry of count 0,
 *       without codebooks or codes
 * </ul>
 *
 * <h3>{@code .dan}: node blocks</h3>
 *
 * <p>Per field, zero padding to a 4,096-byte boundary, then the node region. Nodes are stored by
 * <em>position</em>, the order of {@link io.annscale.diskann.graph.SectorPacking}: breadth-first
 * from the entry node, each node followed in its sector by its nearest unplaced neighbours. The
 * block at position {@code p} sits in sector {@code p / nodesPerSector} at slot {@code p %
 * nodesPerSector} ({@link NodeBlockLayout}); the rest of each sector is zero. A block is the vector
 * ({@code 4d} bytes of float32, or {@code d} bytes for BYTE encoding), the node's ordinal (int32),
 * the out-degree (int32, 0..R) and {@code R} neighbour positions (int32; those past the degree are
 * 0), closest first. With {@code d = 128} and {@code R = 64}: 776-byte blocks, 5 per sector. Then
 * the ordinal-to-position map (int32 per ordinal, for exact search and merges by ordinal), then the
 * field's ordinal-to-document data.
 *
 * <h3>{@code .dap}: PQ codes, loaded into heap at open</h3>
 *
 * <p>Per field, one record per position (disk order, as the node blocks): the residual PQ code
 * ({@code m} bytes for PQ8), the coarse centroid (uint16) and the squared-distance correction
 * (float32), as in {@code .pqc}.
 *
 * <h2>Memory</h2>
 *
 * <p>Heap per segment and field: the PQ records ({@code m + 6} bytes per vector, 38 at 128-d PQ8),
 * the coarse centroids and codebooks, {@link CoarseEntryPoints#PER_CELL} ints per coarse centroid
 * (its representative nodes, a search's entry points beside the medoid: {@link CoarseEntryPoints},
 * computed at open from the records) and the hot-node cache (at most its budget: the one stored in
 * the metadata, by default 1% of the node file up to 64 MiB, or the serving directory's {@link
 * DiskAnnReadSettings}). Everything else, the vectors and the graph, is read through the {@code
 * Directory} per query: the page cache's business, not the heap's.
 */
public final class DiskAnnVectorsFormat extends KnnVectorsFormat {
  /** SPI name, written into every segment that uses this format. */
  public static final String NAME = "AnnscaleDiskAnn1";

  static final String META_CODEC_NAME = "AnnscaleDiskAnnMeta";
  static final String NODES_CODEC_NAME = "AnnscaleDiskAnnNodes";
  static final String PQ_CODEC_NAME = "AnnscaleDiskAnnPq";
  static final String META_EXTENSION = "dam";
  static final String NODES_EXTENSION = "dan";
  static final String PQ_EXTENSION = "dap";

  static final int VERSION_START = 0;

  /** Adds the graph flag of a field entry: flushed and small merged segments have no graph. */
  static final int VERSION_FLAT_SEGMENTS = 1;

  static final int VERSION_CURRENT = VERSION_FLAT_SEGMENTS;

  /** Seed of the graph build and PQ training: the same data gives the same segment. */
  static final long SEED = 0x5DEECE66DL;

  private final DiskAnnParameters parameters;
  private final TaskExecutor buildExec;

  /** Defaults: {@link DiskAnnParameters#DEFAULT}. Also what SPI instantiates to read segments. */
  public DiskAnnVectorsFormat() {
    this(DiskAnnParameters.DEFAULT);
  }

  /** Merges build graphs on Lucene's intra-merge executor. */
  public DiskAnnVectorsFormat(DiskAnnParameters parameters) {
    this(parameters, null);
  }

  /**
   * @param buildExec runs the {@link DiskAnnParameters#buildThreads} workers of every merge's graph
   *     build, as {@code Lucene99HnswVectorsFormat}'s merge executor does; the caller owns and
   *     shuts it down; null for Lucene's intra-merge executor
   */
  public DiskAnnVectorsFormat(DiskAnnParameters parameters, ExecutorService buildExec) {
    super(NAME);
    if (parameters == null) {
      throw new IllegalArgumentException("parameters must not be null");
    }
    this.parameters = parameters;
    this.buildExec = buildExec == null ? null : new TaskExecutor(buildExec);
  }

  public DiskAnnParameters parameters() {
    return parameters;
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return new DiskAnnVectorsWriter(state, parameters, buildExec);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return new DiskAnnVectorsReader(state);
  }

  /**
   * The largest dimension accepted (tested at this size; a node block larger than a sector takes
   * whole sectors of its own); Solr's field types refuse a larger schema dimension at load.
   */
  public static final int MAX_DIMENSIONS = 4096;

  @Override
  public int getMaxDimensions(String fieldName) {
    return MAX_DIMENSIONS;
  }

  @Override
  public String toString() {
    return NAME + "(" + parameters + ")";
  }
}
