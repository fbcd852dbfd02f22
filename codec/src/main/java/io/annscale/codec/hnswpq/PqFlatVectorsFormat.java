package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Raw float vectors plus residual product quantization ({@link ResidualProductQuantizer}): per
 * segment and field, up to 1,024 coarse centroids and PQ codebooks trained on the residuals to
 * them; per vector, its coarse centroid, the PQ code of its residual and a distance correction. The
 * raw vectors are stored by {@link Lucene99FlatVectorsFormat} ({@code .vec}, {@code .vemf},
 * including the ord-to-doc mapping that the codes share); this format adds two files. Only {@code
 * FLOAT32} fields get PQ entries; byte fields live in the raw files alone.
 *
 * <h2>.pqm: PQ metadata, read whole when the segment opens</h2>
 *
 * <ul>
 *   <li>IndexHeader: {@code CodecUtil.writeIndexHeader(META_CODEC_NAME, VERSION_CURRENT, segmentId,
 *       suffix)}
 *   <li>Per quantized field, in field order:
 *       <ul>
 *         <li>[int32] field number
 *         <li>[vint] similarity function, as an index into Lucene's fixed list {@code
 *             Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS} (EUCLIDEAN=0, DOT_PRODUCT=1,
 *             COSINE=2, MAXIMUM_INNER_PRODUCT=3), never an enum ordinal
 *         <li>[vint] dimension {@code d}
 *         <li>[int32] vector count {@code n}, equal to the raw field's
 *         <li>[byte] bits per code: 4 or 8 ({@code K} = 16 or 256 centroids per sub-space)
 *         <li>[vint] sub-spaces {@code m}, 1..d; sub-space {@code j} covers dimensions {@code
 *             [j*d/m, (j+1)*d/m)}
 *         <li>[vint] oversample: candidates per requested result reranked exactly at search
 *         <li>if {@code n > 0}: [vint] coarse centroid count {@code C}, 1..1024; [float32 x C*d]
 *             coarse centroids, row-major; [float32 x K*d] residual codebooks; for sub-space {@code
 *             j} of length {@code len}, centroid {@code c}, component {@code t}: index {@code
 *             K*start(j) + c*len + t}. COSINE fields are trained on unit-length vectors.
 *         <li>[vlong] offset of the field's records in {@code .pqc}; [vlong] their length, {@code n
 *             x recordBytes}
 *       </ul>
 *   <li>[int32] -1: end of fields
 *   <li>Footer: {@code CodecUtil.writeFooter}, checksum verified at open
 * </ul>
 *
 * <h2>.pqc: PQ records, read randomly (mmap) during search</h2>
 *
 * <ul>
 *   <li>IndexHeader: {@code CodecUtil.writeIndexHeader(DATA_CODEC_NAME, VERSION_CURRENT, segmentId,
 *       suffix)}
 *   <li>Per quantized field: {@code n} records in vector-ordinal order (the raw vectors' order),
 *       each {@code recordBytes = codeBytes + 6} long:
 *       <ul>
 *         <li>[byte x codeBytes] the residual's PQ code: PQ8 one byte per sub-space ({@code
 *             codeBytes = m}); PQ4 two sub-spaces per byte, sub-space {@code 2i} in the low nibble
 *             ({@code codeBytes = ceil(m/2)})
 *         <li>[uint16] the coarse centroid, {@code < C}
 *         <li>[float32] {@code 2<c, r̂> + |r̂|²}, the vector's term of its squared distance to a
 *             query
 *       </ul>
 *   <li>Footer: {@code CodecUtil.writeFooter}; header and footer checked at open, the whole file in
 *       {@code checkIntegrity()}
 * </ul>
 */
public final class PqFlatVectorsFormat extends FlatVectorsFormat {
  static final String NAME = "AnnscalePqFlat1";
  static final String META_CODEC_NAME = "AnnscalePqFlatMeta";
  static final String DATA_CODEC_NAME = "AnnscalePqFlatData";
  static final String META_EXTENSION = "pqm";
  static final String DATA_EXTENSION = "pqc";

  static final int VERSION_START = 0;
  static final int VERSION_CURRENT = VERSION_START;

  private final PqParameters parameters;
  private final FlatVectorsFormat rawVectorsFormat =
      new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  /** Writes with {@link PqParameters#DEFAULT}; reads any segment of this format. */
  public PqFlatVectorsFormat() {
    this(PqParameters.DEFAULT);
  }

  /** Writes with the given parameters; reads any segment of this format. */
  public PqFlatVectorsFormat(PqParameters parameters) {
    super(NAME);
    this.parameters = parameters;
  }

  /** The raw vectors' format, alone the whole of a segment written without a graph. */
  FlatVectorsFormat rawVectorsFormat() {
    return rawVectorsFormat;
  }

  @Override
  public PqFlatVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return new PqFlatVectorsWriter(state, parameters, rawVectorsFormat.fieldsWriter(state));
  }

  @Override
  public PqFlatVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return new PqFlatVectorsReader(state, rawVectorsFormat.fieldsReader(state));
  }

  @Override
  public String toString() {
    return "PqFlatVectorsFormat(name="
        + NAME
        + ", "
        + parameters
        + ", raw="
        + rawVectorsFormat
        + ")";
  }
}
