package io.annscale.diskann;

import io.annscale.codec.GraphMergePolicy;
import io.annscale.codec.hnswpq.HeapPqRecords;
import io.annscale.codec.hnswpq.PqFieldEncoder;
import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.RangeWorkers;
import io.annscale.diskann.graph.Medoid;
import io.annscale.diskann.graph.SectorPacking;
import io.annscale.diskann.graph.VamanaGraph;
import io.annscale.diskann.graph.VamanaGraphBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnFieldVectorsWriter;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.lucene95.OffHeapByteVectorValues;
import org.apache.lucene.codecs.lucene95.OffHeapFloatVectorValues;
import org.apache.lucene.codecs.lucene95.OrdToDocDISIReaderConfiguration;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.DocsWithFieldSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Writes {@link DiskAnnVectorsFormat}. Flush buffers a field's vectors on heap (as every Lucene
 * vector writer does) and writes them without graph or PQ codes, so the indexing thread that
 * flushes never builds a graph or trains a quantizer; a segment without a graph (every flush, a
 * merge below the graph threshold) carries {@link GraphMergePolicy#WITHOUT_GRAPH}. Merge streams
 * the merged vectors to a temporary file and encodes their PQ records from it, held on heap until
 * the graph is built. A float field with a graph then copies its vectors to the heap once, grouped
 * by coarse centroid ({@link BuildOrder}; {@link HeapFloatVectors}: {@code 4 x dimension} bytes per
 * vector while the field is written), where its graph build and node blocks read them; a byte
 * field's build reads the file through the {@code Directory}. Long float vectors have their build's
 * searches steered by the records ({@link PqBuildScores}); the graph's lists and the PQ training
 * sample are on heap besides; the build starts from the graph of its largest segment without
 * deletions and inserts only the other segments' nodes.
 */
final class DiskAnnVectorsWriter extends KnnVectorsWriter {
  private static final long SHALLOW_SIZE =
      RamUsageEstimator.shallowSizeOfInstance(DiskAnnVectorsWriter.class);
  private static final int DIRECT_MONOTONIC_BLOCK_SHIFT = 16;

  /**
   * Lucene's own scorer for its flat vectors: where Lucene uses the Vector API it scores a merge's
   * memory-mapped temporary file in place ({@code Lucene99MemorySegmentFlatVectorsScorer}) instead
   * of copying every vector out before scoring it; elsewhere it is the default scorer.
   */
  private static final FlatVectorsScorer BUILD_SCORER =
      FlatVectorScorerUtil.getLucene99FlatVectorsScorer();

  private final SegmentWriteState state;
  private final DiskAnnParameters parameters;
  private final TaskExecutor buildExec;
  private final List<BufferedField<?>> fields = new ArrayList<>();
  private final IndexOutput meta;
  private final IndexOutput nodes;
  private final IndexOutput pq;
  private boolean finished;

  /**
   * @param buildExec the format's merge executor for graph builds, or null for Lucene's
   */
  DiskAnnVectorsWriter(
      SegmentWriteState state, DiskAnnParameters parameters, TaskExecutor buildExec)
      throws IOException {
    this.state = state;
    this.parameters = parameters;
    this.buildExec = buildExec;
    IndexOutput metaOut = null;
    IndexOutput nodesOut = null;
    IndexOutput pqOut = null;
    boolean success = false;
    try {
      metaOut = create(DiskAnnVectorsFormat.META_EXTENSION, DiskAnnVectorsFormat.META_CODEC_NAME);
      nodesOut =
          create(DiskAnnVectorsFormat.NODES_EXTENSION, DiskAnnVectorsFormat.NODES_CODEC_NAME);
      pqOut = create(DiskAnnVectorsFormat.PQ_EXTENSION, DiskAnnVectorsFormat.PQ_CODEC_NAME);
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(metaOut, nodesOut, pqOut);
      }
    }
    this.meta = metaOut;
    this.nodes = nodesOut;
    this.pq = pqOut;
  }

  private IndexOutput create(String extension, String codecName) throws IOException {
    String name =
        IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, extension);
    IndexOutput out = state.directory.createOutput(name, state.context);
    boolean success = false;
    try {
      CodecUtil.writeIndexHeader(
          out,
          codecName,
          DiskAnnVectorsFormat.VERSION_CURRENT,
          state.segmentInfo.getId(),
          state.segmentSuffix);
      success = true;
      return out;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(out);
      }
    }
  }

  @Override
  public KnnFieldVectorsWriter<?> addField(FieldInfo fieldInfo) {
    BufferedField<?> field =
        fieldInfo.getVectorEncoding() == VectorEncoding.BYTE
            ? new BufferedField<byte[]>(fieldInfo) {
              @Override
              public byte[] copyValue(byte[] value) {
                return value.clone();
              }
            }
            : new BufferedField<float[]>(fieldInfo) {
              @Override
              public float[] copyValue(float[] value) {
                return value.clone();
              }
            };
    fields.add(field);
    return field;
  }

  @Override
  public void flush(int maxDoc, Sorter.DocMap sortMap) throws IOException {
    for (BufferedField<?> field : fields) {
      List<?> vectors = field.vectors;
      DocsWithFieldSet docs = field.docs;
      if (sortMap != null) {
        int[] newToOld = new int[vectors.size()];
        DocsWithFieldSet sortedDocs = new DocsWithFieldSet();
        KnnVectorsWriter.mapOldOrdToNewOrd(field.docs, sortMap, null, newToOld, sortedDocs);
        List<Object> sorted = new ArrayList<>(vectors.size());
        for (int old : newToOld) {
          sorted.add(vectors.get(old));
        }
        vectors = sorted;
        docs = sortedDocs;
      }
      writeField(
          field.info,
          onHeap(field.info, vectors),
          docs,
          maxDoc,
          null,
          null,
          false,
          new MergePhaseLog(state.infoStream));
      markWithoutGraph(vectors.size());
    }
  }

  /**
   * Tells {@link GraphMergePolicy} that this segment holds {@code vectors} without a graph (the
   * most of any of its fields), and from how many a merge builds one.
   */
  private void markWithoutGraph(int vectors) {
    GraphMergePolicy.markWithoutGraph(state.segmentInfo, vectors, parameters.graphThreshold());
  }

  @SuppressWarnings("unchecked")
  private static RandomAccessVectorValues onHeap(FieldInfo info, List<?> vectors) {
    return info.getVectorEncoding() == VectorEncoding.BYTE
        ? RandomAccessVectorValues.fromBytes((List<byte[]>) vectors, info.getVectorDimension())
        : RandomAccessVectorValues.fromFloats((List<float[]>) vectors, info.getVectorDimension());
  }

  @Override
  public void mergeOneField(FieldInfo fieldInfo, MergeState mergeState) throws IOException {
    IndexOutput temp =
        state.directory.createTempOutput(nodes.getName(), "diskann_merge", state.context);
    String tempName = temp.getName();
    IndexInput tempIn = null;
    boolean success = false;
    try {
      DocsWithFieldSet docs = new DocsWithFieldSet();
      MergePhaseLog phases = new MergePhaseLog(state.infoStream);
      int count;
      try (temp) {
        count = writeMergedVectors(fieldInfo, mergeState, temp, docs);
      }
      phases.ended("merged vectors");
      boolean withGraph = count >= parameters.graphThreshold();
      // the largest segment's graph is read only for a merge that builds one
      DiskAnnVectorsReader.MergeSeed seed =
          withGraph ? largestSegmentGraph(fieldInfo, mergeState, docs, count) : null;
      phases.ended("largest segment's graph");
      tempIn = state.directory.openInput(tempName, state.context);
      int dimension = fieldInfo.getVectorDimension();
      RandomAccessVectorValues values =
          fieldInfo.getVectorEncoding() == VectorEncoding.BYTE
              ? new OffHeapByteVectorValues.DenseOffHeapVectorValues(
                  dimension,
                  count,
                  tempIn,
                  dimension,
                  DefaultFlatVectorScorer.INSTANCE,
                  fieldInfo.getVectorSimilarityFunction())
              : new OffHeapFloatVectorValues.DenseOffHeapVectorValues(
                  dimension,
                  count,
                  tempIn,
                  dimension * Float.BYTES,
                  DefaultFlatVectorScorer.INSTANCE,
                  fieldInfo.getVectorSimilarityFunction());
      TaskExecutor executor =
          buildExec != null || mergeState.intraMergeTaskExecutor == null
              ? buildExec
              : new TaskExecutor(mergeState.intraMergeTaskExecutor);
      writeField(
          fieldInfo,
          values,
          docs,
          mergeState.segmentInfo.maxDoc(),
          seed,
          executor,
          withGraph,
          phases);
      if (!withGraph) {
        markWithoutGraph(count);
      }
      success = true;
    } finally {
      if (success) {
        IOUtils.close(tempIn);
      } else {
        IOUtils.closeWhileHandlingException(tempIn);
      }
      IOUtils.deleteFilesIgnoringExceptions(state.directory, tempName);
    }
  }

  /**
   * The graph of the largest merged segment of this format without deletions, in merged ordinals,
   * or null: the merged graph starts from it, as Lucene's HNSW merge starts from the largest
   * segment's graph.
   */
  private static DiskAnnVectorsReader.MergeSeed largestSegmentGraph(
      FieldInfo fieldInfo, MergeState mergeState, DocsWithFieldSet mergedDocs, int mergedSize)
      throws IOException {
    DiskAnnVectorsReader.MergeSeed best = null;
    int[] newDocToOrd = null;
    for (int i = 0; i < mergeState.knnVectorsReaders.length; i++) {
      KnnVectorsReader reader = mergeState.knnVectorsReaders[i];
      if (reader instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
        reader = perField.getFieldReader(fieldInfo.name);
      }
      if (!(reader instanceof DiskAnnVectorsReader diskAnn) || mergeState.liveDocs[i] != null) {
        continue;
      }
      if (newDocToOrd == null) {
        newDocToOrd = new int[mergeState.segmentInfo.maxDoc()];
        DocIdSetIterator it = mergedDocs.iterator();
        int ord = 0;
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          newDocToOrd[doc] = ord++;
        }
      }
      MergeState.DocMap docMap = mergeState.docMaps[i];
      int[] docToOrd = newDocToOrd;
      DiskAnnVectorsReader.MergeSeed seed =
          diskAnn.mergeSeed(fieldInfo.name, doc -> docToOrd[docMap.get(doc)], mergedSize);
      if (seed != null && (best == null || seed.nodes() > best.nodes())) {
        best = seed;
      }
    }
    return best;
  }

  /** The merged live vectors in merged-document order, raw little-endian; returns their count. */
  private static int writeMergedVectors(
      FieldInfo fieldInfo, MergeState mergeState, IndexOutput out, DocsWithFieldSet docs)
      throws IOException {
    int count = 0;
    if (fieldInfo.getVectorEncoding() == VectorEncoding.BYTE) {
      ByteVectorValues merged = MergedVectorValues.mergeByteVectorValues(fieldInfo, mergeState);
      for (int doc = merged.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = merged.nextDoc()) {
        byte[] vector = merged.vectorValue();
        out.writeBytes(vector, vector.length);
        docs.add(doc);
        count++;
      }
    } else {
      FloatVectorValues merged = MergedVectorValues.mergeFloatVectorValues(fieldInfo, mergeState);
      for (int doc = merged.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = merged.nextDoc()) {
        for (float v : merged.vectorValue()) {
          out.writeInt(Float.floatToIntBits(v));
        }
        docs.add(doc);
        count++;
      }
    }
    return count;
  }

  /**
   * The graph (or none), its disk order, the PQ records and node blocks in that order, the
   * ordinal-to-position map, the ord-to-doc mapping; then the meta entry.
   */
  private void writeField(
      FieldInfo info,
      RandomAccessVectorValues values,
      DocsWithFieldSet docs,
      int maxDoc,
      DiskAnnVectorsReader.MergeSeed seed,
      TaskExecutor executor,
      boolean withGraph,
      MergePhaseLog phases)
      throws IOException {
    int size = values.size();
    if (withGraph) {
      PqFieldEncoder.checkFitsOnHeap(info, size, parameters.pq()); // before the copy and training
    }
    // codes serve graph searches only: a field without a graph is scanned exactly, and a flush
    // stays as fast as writing the vectors, with no quantizer to train. They are encoded first,
    // reading the merged vectors in order, since they arrange the build (BuildOrder) and steer it
    // (PqBuildScores); they are written in the graph's disk order after it.
    Medoid.FloatVectors byOrdinal = asFloats(values);
    HeapPqRecords codes =
        withGraph
            ? PqFieldEncoder.encodeOnHeap(
                info,
                consumer -> {
                  for (int ord = 0; ord < size; ord++) {
                    consumer.accept(byOrdinal.vector(ord));
                  }
                },
                parameters.pq(),
                RangeWorkers.on(executor, parameters.buildThreads()))
            : null;
    phases.ended("PQ training and codes");
    VamanaGraph graph;
    RandomAccessVectorValues blockVectors; // what the node blocks read, by ordinal
    if (!withGraph) {
      graph = noGraph(size);
      blockVectors = values;
    } else if (values instanceof RandomAccessVectorValues.Floats floatValues) {
      // read at random by the build and the node blocks: copied to the heap once, in the build's
      // order (HeapFloatVectors and BuildOrder say why)
      BuildOrder order = BuildOrder.byCoarseCentroid(codes, size);
      HeapFloatVectors inSlots = order.copyInSlots(floatValues);
      phases.ended("heap copy");
      graph = order.toOrdinals(buildGraph(info, inSlots, codes, order, seed, executor));
      blockVectors = order.byOrdinal(inSlots);
    } else {
      graph = buildGraph(info, values, codes, BuildOrder.identity(size), seed, executor);
      blockVectors = values;
    }
    phases.ended("graph");
    NodeBlockLayout layout =
        DiskAnnFieldEntry.layout(
            info.getVectorEncoding(), info.getVectorDimension(), parameters.maxDegree());
    // without a graph there are no neighbours to pack beside a node: ordinal order, scanned as is
    int[] ordAt = withGraph ? SectorPacking.order(graph, layout.nodesPerSector()) : identity(size);
    int[] positionOf = withGraph ? SectorPacking.invert(ordAt) : ordAt;
    phases.ended("sector packing");

    PqFieldEntry pqEntry =
        withGraph ? codes.write(pq, ordAt) : PqFieldEncoder.none(info, parameters.pq(), pq);

    long nodesOffset = alignToSector(nodes);
    new NodeBlockWriter(layout).write(blockVectors, graph, ordAt, positionOf, nodes);
    long nodesLength = nodes.getFilePointer() - nodesOffset;
    phases.ended("codes and node blocks written");
    long positionsOffset = nodes.getFilePointer();
    for (int position : positionOf) {
      nodes.writeInt(position);
    }
    int entryPosition = size == 0 ? -1 : positionOf[graph.entryNode()];
    DiskAnnFieldEntry.writeHead(
        meta,
        info,
        size,
        parameters,
        entryPosition,
        nodesOffset,
        nodesLength,
        positionsOffset,
        withGraph);
    OrdToDocDISIReaderConfiguration.writeStoredMeta(
        DIRECT_MONOTONIC_BLOCK_SHIFT, meta, nodes, size, maxDoc, docs);
    pqEntry.write(meta);
    phases.report(info.name, size);
  }

  /** Every node without neighbours; the entry is ordinal 0 (unused: such a field is scanned). */
  private static VamanaGraph noGraph(int size) {
    int[][] lists = new int[size][];
    Arrays.fill(lists, new int[0]);
    return new VamanaGraph(size == 0 ? -1 : 0, lists);
  }

  private static int[] identity(int size) {
    int[] ords = new int[size];
    Arrays.setAll(ords, i -> i);
    return ords;
  }

  /**
   * The graph of {@code values}, on the nodes {@code order} numbers them by (slots); the seed's
   * lists are renamed to them.
   *
   * @param values the vectors in slot order
   */
  private VamanaGraph buildGraph(
      FieldInfo info,
      RandomAccessVectorValues values,
      HeapPqRecords codes,
      BuildOrder order,
      DiskAnnVectorsReader.MergeSeed seed,
      TaskExecutor executor)
      throws IOException {
    int size = values.size();
    int entryNode = Medoid.of(asFloats(values));
    // float graphs are scored in place on their heap copy; byte ones on the temporary file
    RandomVectorScorerSupplier scores =
        values instanceof HeapFloatVectors heap
            ? HeapFloatBuildScores.of(heap, info.getVectorSimilarityFunction())
            : BUILD_SCORER.getRandomVectorScorerSupplier(
                info.getVectorSimilarityFunction(), values);
    VamanaGraphBuilder builder =
        new VamanaGraphBuilder(
            scores,
            info.getVectorSimilarityFunction(),
            size,
            parameters.maxDegree(),
            parameters.buildListSize(),
            parameters.alpha(),
            parameters.buildThreads(),
            executor,
            parameters.buildPasses(),
            DiskAnnVectorsFormat.SEED,
            state.infoStream);
    if (values instanceof HeapFloatVectors heap
        && codes.trained().quantizer() != null
        && PqBuildScores.steers(heap.dimension())) {
      builder.searchBy(new PqBuildScores(codes, heap, order));
    }
    return seed == null || size == 0
        ? builder.build(entryNode)
        : builder.build(entryNode, order.toSlots(seed.lists()), order.slotOf(seed.entry()));
  }

  private static long alignToSector(IndexOutput out) throws IOException {
    long position = out.getFilePointer();
    long aligned =
        (position + NodeBlockLayout.SECTOR_BYTES - 1)
            / NodeBlockLayout.SECTOR_BYTES
            * NodeBlockLayout.SECTOR_BYTES;
    for (long i = position; i < aligned; i++) {
      out.writeByte((byte) 0);
    }
    return aligned;
  }

  private static Medoid.FloatVectors asFloats(RandomAccessVectorValues values) {
    if (values instanceof RandomAccessVectorValues.Floats floats) {
      return new Medoid.FloatVectors() {
        @Override
        public int size() {
          return floats.size();
        }

        @Override
        public int dimension() {
          return floats.dimension();
        }

        @Override
        public float[] vector(int ord) throws IOException {
          return floats.vectorValue(ord);
        }
      };
    }
    RandomAccessVectorValues.Bytes bytes = (RandomAccessVectorValues.Bytes) values;
    float[] widened = new float[bytes.dimension()];
    return new Medoid.FloatVectors() {
      @Override
      public int size() {
        return bytes.size();
      }

      @Override
      public int dimension() {
        return bytes.dimension();
      }

      @Override
      public float[] vector(int ord) throws IOException {
        byte[] vector = bytes.vectorValue(ord);
        for (int i = 0; i < widened.length; i++) {
          widened[i] = vector[i];
        }
        return widened;
      }
    };
  }

  @Override
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    meta.writeInt(-1);
    CodecUtil.writeFooter(meta);
    CodecUtil.writeFooter(nodes);
    CodecUtil.writeFooter(pq);
  }

  @Override
  public long ramBytesUsed() {
    long bytes = SHALLOW_SIZE;
    for (BufferedField<?> field : fields) {
      bytes += field.ramBytesUsed();
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(meta, nodes, pq);
  }

  /** One field's vectors as added, in document order. */
  private abstract static class BufferedField<T> extends KnnFieldVectorsWriter<T> {
    final FieldInfo info;
    final List<T> vectors = new ArrayList<>();
    final DocsWithFieldSet docs = new DocsWithFieldSet();
    private int lastDoc = -1;

    BufferedField(FieldInfo info) {
      this.info = info;
    }

    @Override
    public void addValue(int docID, T vector) {
      if (docID == lastDoc) {
        throw new IllegalArgumentException(
            "VectorValuesField \""
                + info.name
                + "\" appears more than once in this document (only one value is allowed per field)");
      }
      assert docID > lastDoc : "docID=" + docID + " lastDoc=" + lastDoc;
      vectors.add(copyValue(vector));
      docs.add(docID);
      lastDoc = docID;
    }

    @Override
    public long ramBytesUsed() {
      long perVector =
          RamUsageEstimator.NUM_BYTES_ARRAY_HEADER
              + (long) info.getVectorDimension() * info.getVectorEncoding().byteSize
              + RamUsageEstimator.NUM_BYTES_OBJECT_REF;
      // a flush writes these vectors and their codes and builds no graph, so they are all it holds
      return docs.ramBytesUsed() + vectors.size() * perVector;
    }
  }
}
