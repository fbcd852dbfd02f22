package io.annscale.codec.hnswpq;

import io.annscale.codec.GraphMergePolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.KnnFieldVectorsWriter;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatFieldVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsWriter;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * Writes a {@link PqHnswVectorsFormat} segment without a graph: the raw vectors alone, through
 * {@code Lucene99FlatVectorsFormat}, as fast as an indexing thread can write them. No PQ is trained
 * and no graph is built; the segment is searched exactly until {@link GraphMergePolicy} merges it
 * into one that has both. The segment is marked {@link PqHnswVectorsFormat#withoutGraph} for the
 * reader, and with its vector count for the merge policy.
 */
final class PqHnswFlatSegmentWriter extends KnnVectorsWriter {
  private static final long SHALLOW_SIZE =
      RamUsageEstimator.shallowSizeOfInstance(PqHnswFlatSegmentWriter.class);

  private final SegmentWriteState state;
  private final FlatVectorsWriter rawVectorsWriter;
  private final int graphThreshold;
  private final List<FlatFieldVectorsWriter<?>> fields = new ArrayList<>();

  PqHnswFlatSegmentWriter(
      SegmentWriteState state, FlatVectorsWriter rawVectorsWriter, int graphThreshold) {
    this.state = state;
    this.rawVectorsWriter = rawVectorsWriter;
    this.graphThreshold = graphThreshold;
    PqHnswVectorsFormat.markWithoutGraph(state.segmentInfo, state.segmentSuffix);
  }

  @Override
  public KnnFieldVectorsWriter<?> addField(FieldInfo fieldInfo) throws IOException {
    FlatFieldVectorsWriter<?> field = rawVectorsWriter.addField(fieldInfo);
    fields.add(field);
    return field;
  }

  @Override
  public void flush(int maxDoc, Sorter.DocMap sortMap) throws IOException {
    rawVectorsWriter.flush(maxDoc, sortMap);
    int most = 0;
    for (FlatFieldVectorsWriter<?> field : fields) {
      most = Math.max(most, field.getVectors().size());
    }
    GraphMergePolicy.markWithoutGraph(state.segmentInfo, most, graphThreshold);
  }

  @Override
  public void mergeOneField(FieldInfo fieldInfo, MergeState mergeState) throws IOException {
    rawVectorsWriter.mergeOneField(fieldInfo, mergeState);
    // the merged segment's documents bound its vectors, and are what decides a graph at merge
    GraphMergePolicy.markWithoutGraph(
        state.segmentInfo, mergeState.segmentInfo.maxDoc(), graphThreshold);
  }

  @Override
  public void finish() throws IOException {
    rawVectorsWriter.finish();
  }

  @Override
  public long ramBytesUsed() {
    return SHALLOW_SIZE + rawVectorsWriter.ramBytesUsed();
  }

  @Override
  public void close() throws IOException {
    rawVectorsWriter.close();
  }
}
