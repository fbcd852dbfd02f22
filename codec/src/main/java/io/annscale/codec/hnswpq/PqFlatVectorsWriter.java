package io.annscale.codec.hnswpq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatFieldVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsWriter;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.hnsw.CloseableRandomVectorScorerSupplier;

/**
 * Writes {@link PqFlatVectorsFormat}: raw vectors through the delegate, then per float field the
 * codebooks ({@code .pqm}) and codes ({@code .pqc}). Flush trains on the buffered vectors; merge
 * retrains on the merged (live) vectors, so codebooks always fit the segment's data. The scorer
 * handed to the graph builder is the delegate's exact one: the graph is built on exact distances.
 */
public final class PqFlatVectorsWriter extends FlatVectorsWriter {
  private static final long SHALLOW_SIZE =
      RamUsageEstimator.shallowSizeOfInstance(PqFlatVectorsWriter.class);

  private final PqParameters parameters;
  private final FlatVectorsWriter rawVectorsWriter;
  private final List<BufferedField> fields = new ArrayList<>();
  private final IndexOutput meta;
  private final IndexOutput data;
  private boolean finished;

  private record BufferedField(FieldInfo info, FlatFieldVectorsWriter<float[]> vectors) {}

  PqFlatVectorsWriter(
      SegmentWriteState state, PqParameters parameters, FlatVectorsWriter rawVectorsWriter)
      throws IOException {
    super(rawVectorsWriter.getFlatVectorScorer());
    this.parameters = parameters;
    this.rawVectorsWriter = rawVectorsWriter;
    IndexOutput metaOut = null;
    IndexOutput dataOut = null;
    boolean success = false;
    try {
      metaOut =
          state.directory.createOutput(
              fileName(state, PqFlatVectorsFormat.META_EXTENSION), state.context);
      dataOut =
          state.directory.createOutput(
              fileName(state, PqFlatVectorsFormat.DATA_EXTENSION), state.context);
      CodecUtil.writeIndexHeader(
          metaOut,
          PqFlatVectorsFormat.META_CODEC_NAME,
          PqFlatVectorsFormat.VERSION_CURRENT,
          state.segmentInfo.getId(),
          state.segmentSuffix);
      CodecUtil.writeIndexHeader(
          dataOut,
          PqFlatVectorsFormat.DATA_CODEC_NAME,
          PqFlatVectorsFormat.VERSION_CURRENT,
          state.segmentInfo.getId(),
          state.segmentSuffix);
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(metaOut, dataOut, rawVectorsWriter);
      }
    }
    this.meta = metaOut;
    this.data = dataOut;
  }

  private static String fileName(SegmentWriteState state, String extension) {
    return IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, extension);
  }

  @Override
  @SuppressWarnings("unchecked")
  public FlatFieldVectorsWriter<?> addField(FieldInfo fieldInfo) throws IOException {
    FlatFieldVectorsWriter<?> vectors = rawVectorsWriter.addField(fieldInfo);
    if (fieldInfo.getVectorEncoding() == VectorEncoding.FLOAT32) {
      fields.add(new BufferedField(fieldInfo, (FlatFieldVectorsWriter<float[]>) vectors));
    }
    return vectors;
  }

  @Override
  public void flush(int maxDoc, Sorter.DocMap sortMap) throws IOException {
    rawVectorsWriter.flush(maxDoc, sortMap);
    for (BufferedField field : fields) {
      List<float[]> vectors = field.vectors().getVectors();
      int[] newToOld = null;
      if (sortMap != null) {
        newToOld = new int[vectors.size()];
        KnnVectorsWriter.mapOldOrdToNewOrd(
            field.vectors().getDocsWithFieldSet(), sortMap, null, newToOld, null);
      }
      int[] order = newToOld;
      PqFieldEncoder.VectorSource source =
          consumer -> {
            for (int ord = 0; ord < vectors.size(); ord++) {
              consumer.accept(vectors.get(order == null ? ord : order[ord]));
            }
          };
      PqFieldEncoder.write(field.info(), source, parameters, data).write(meta);
    }
  }

  @Override
  public void mergeOneField(FieldInfo fieldInfo, MergeState mergeState) throws IOException {
    rawVectorsWriter.mergeOneField(fieldInfo, mergeState);
    if (fieldInfo.getVectorEncoding() == VectorEncoding.FLOAT32) {
      writeMergedCodes(fieldInfo, mergeState);
    }
  }

  @Override
  public CloseableRandomVectorScorerSupplier mergeOneFieldToIndex(
      FieldInfo fieldInfo, MergeState mergeState) throws IOException {
    CloseableRandomVectorScorerSupplier exactScores =
        rawVectorsWriter.mergeOneFieldToIndex(fieldInfo, mergeState);
    if (fieldInfo.getVectorEncoding() != VectorEncoding.FLOAT32) {
      return exactScores;
    }
    boolean success = false;
    try {
      writeMergedCodes(fieldInfo, mergeState);
      success = true;
      return exactScores;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(exactScores);
      }
    }
  }

  /** Codes for the merged segment, in the order the raw delegate wrote the merged vectors. */
  private void writeMergedCodes(FieldInfo fieldInfo, MergeState mergeState) throws IOException {
    PqFieldEncoder.VectorSource source =
        consumer -> {
          FloatVectorValues merged =
              KnnVectorsWriter.MergedVectorValues.mergeFloatVectorValues(fieldInfo, mergeState);
          for (int doc = merged.nextDoc();
              doc != DocIdSetIterator.NO_MORE_DOCS;
              doc = merged.nextDoc()) {
            consumer.accept(merged.vectorValue());
          }
        };
    PqFieldEncoder.write(fieldInfo, source, parameters, data).write(meta);
  }

  @Override
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    rawVectorsWriter.finish();
    meta.writeInt(-1);
    CodecUtil.writeFooter(meta);
    CodecUtil.writeFooter(data);
  }

  @Override
  public long ramBytesUsed() {
    return SHALLOW_SIZE + rawVectorsWriter.ramBytesUsed();
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(meta, data, rawVectorsWriter);
  }
}
