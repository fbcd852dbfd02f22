package io.annscale.codec.hnswpq;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Reads {@link PqFlatVectorsFormat}. Codebooks are on heap; codes stay in {@code .pqc} and are read
 * through the directory (mmap by default) as search visits them. Thread-safe: per-query state lives
 * in the scorers.
 */
public final class PqFlatVectorsReader extends FlatVectorsReader {
  private static final long SHALLOW_SIZE =
      RamUsageEstimator.shallowSizeOfInstance(PqFlatVectorsReader.class);

  private final FlatVectorsReader rawVectorsReader;
  private final Map<String, PqFieldEntry> fields = new HashMap<>();
  private final IndexInput codes;

  PqFlatVectorsReader(SegmentReadState state, FlatVectorsReader rawVectorsReader)
      throws IOException {
    super(rawVectorsReader.getFlatVectorScorer());
    this.rawVectorsReader = rawVectorsReader;
    IndexInput data = null;
    boolean success = false;
    try {
      data =
          state.directory.openInput(
              fileName(state, PqFlatVectorsFormat.DATA_EXTENSION), state.context);
      int dataVersion = checkHeader(data, PqFlatVectorsFormat.DATA_CODEC_NAME, state);
      CodecUtil.retrieveChecksum(data);
      readMeta(state, dataVersion, data.length() - CodecUtil.footerLength());
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(data, rawVectorsReader);
      }
    }
    this.codes = data;
  }

  private static String fileName(SegmentReadState state, String extension) {
    return IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, extension);
  }

  private static int checkHeader(IndexInput in, String codecName, SegmentReadState state)
      throws IOException {
    return CodecUtil.checkIndexHeader(
        in,
        codecName,
        PqFlatVectorsFormat.VERSION_START,
        PqFlatVectorsFormat.VERSION_CURRENT,
        state.segmentInfo.getId(),
        state.segmentSuffix);
  }

  private void readMeta(SegmentReadState state, int dataVersion, long dataEnd) throws IOException {
    String metaName = fileName(state, PqFlatVectorsFormat.META_EXTENSION);
    try (ChecksumIndexInput meta = state.directory.openChecksumInput(metaName, state.context)) {
      Throwable priorE = null;
      try {
        int metaVersion = checkHeader(meta, PqFlatVectorsFormat.META_CODEC_NAME, state);
        if (metaVersion != dataVersion) {
          throw new CorruptIndexException(
              "format versions differ: " + metaName + "=" + metaVersion + ", codes=" + dataVersion,
              meta);
        }
        for (int number = meta.readInt(); number != -1; number = meta.readInt()) {
          FieldInfo info = state.fieldInfos.fieldInfo(number);
          if (info == null || info.getVectorEncoding() != VectorEncoding.FLOAT32) {
            throw new CorruptIndexException("invalid field number: " + number, meta);
          }
          if (fields.put(info.name, PqFieldEntry.read(meta, info, dataEnd)) != null) {
            throw new CorruptIndexException("duplicate field: " + info.name, meta);
          }
        }
      } catch (Throwable t) {
        priorE = t;
      } finally {
        CodecUtil.checkFooter(meta, priorE);
      }
    }
  }

  /** The field's PQ entry, or null for byte fields and fields this segment does not have. */
  PqFieldEntry entry(String field) {
    return fields.get(field);
  }

  /** Scores by PQ codes (ADC) for float fields with vectors; exact scores otherwise. */
  @Override
  public RandomVectorScorer getRandomVectorScorer(String field, float[] target) throws IOException {
    PqFieldEntry entry = fields.get(field);
    if (entry == null || entry.size() == 0) {
      return rawVectorsReader.getRandomVectorScorer(field, target);
    }
    if (target.length != entry.dimension()) {
      throw new IllegalArgumentException(
          "vector query dimension: "
              + target.length
              + " differs from field \""
              + field
              + "\" dimension: "
              + entry.dimension());
    }
    FloatVectorValues raw = rawVectorsReader.getFloatVectorValues(field);
    if (raw instanceof RandomAccessVectorValues.Floats == false) {
      throw new IllegalStateException(
          "raw vectors of field \"" + field + "\" do not offer random access");
    }
    RandomAccessInput fieldCodes =
        codes.randomAccessSlice(entry.codesOffset(), entry.codesLength());
    return AdcVectorScorer.create(entry, (RandomAccessVectorValues) raw, fieldCodes, target);
  }

  /** Exact scores from the raw vectors, for rerank. */
  RandomVectorScorer getExactScorer(String field, float[] target) throws IOException {
    return rawVectorsReader.getRandomVectorScorer(field, target);
  }

  @Override
  public RandomVectorScorer getRandomVectorScorer(String field, byte[] target) throws IOException {
    return rawVectorsReader.getRandomVectorScorer(field, target);
  }

  @Override
  public FloatVectorValues getFloatVectorValues(String field) throws IOException {
    return rawVectorsReader.getFloatVectorValues(field);
  }

  @Override
  public ByteVectorValues getByteVectorValues(String field) throws IOException {
    return rawVectorsReader.getByteVectorValues(field);
  }

  @Override
  public void checkIntegrity() throws IOException {
    rawVectorsReader.checkIntegrity();
    CodecUtil.checksumEntireFile(codes);
  }

  /**
   * Heap: the entries, their codebooks ({@code K x d} floats per field, held twice: row- and
   * column-major) and coarse centroids ({@code C x d}, once), plus the raw reader's.
   */
  @Override
  public long ramBytesUsed() {
    long bytes = SHALLOW_SIZE + rawVectorsReader.ramBytesUsed();
    for (PqFieldEntry entry : fields.values()) {
      bytes += RamUsageEstimator.shallowSizeOf(entry);
      if (entry.quantizer() != null) {
        long floats =
            (2L * entry.bits().centroidsPerSubspace() + entry.quantizer().coarseCount())
                * entry.dimension();
        bytes += 3 * RamUsageEstimator.NUM_BYTES_ARRAY_HEADER + Float.BYTES * floats;
      }
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(codes, rawVectorsReader);
  }
}
