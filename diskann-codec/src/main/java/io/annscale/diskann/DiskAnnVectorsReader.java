package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Reads {@link DiskAnnVectorsFormat}. Open reads the metadata whole, checks the data files' headers
 * and footers, loads each field's PQ records into heap, picks its coarse entry points from them and
 * fills its hot-node cache (the budget it was built with, or its {@link DiskAnnReadSettings}'); the
 * node file stays in the {@code Directory} (memory-mapped by default, random-access advice), or is
 * opened for direct I/O when the directory's {@link DiskAnnReadSettings} say so, and is read per
 * query by {@link BeamSearcher}.
 */
final class DiskAnnVectorsReader extends KnnVectorsReader {
  private static final long SHALLOW_SIZE =
      RamUsageEstimator.shallowSizeOfInstance(DiskAnnVectorsReader.class);

  private final Map<String, Field> fields = new HashMap<>();
  private final IndexInput nodes;
  private final IndexInput pq;

  /** How the directory this segment is read from says to serve it. */
  private final DiskAnnReadSettings settings;

  /**
   * The node file opened for direct I/O when the {@link DiskAnnReadSettings} ask for it, else null.
   */
  private final DirectIoNodeBlocks direct;

  /**
   * Everything a field's searches share. A field without a graph has no cache, entry points or beam
   * searcher: its searches score every vector.
   */
  private record Field(
      DiskAnnFieldEntry entry,
      IndexInput region,
      RandomAccessInput positions,
      DocOrdinals ordinals,
      HotNodeCache cache,
      CoarseEntryPoints entryPoints,
      byte[] records,
      BeamSearcher searcher) {}

  DiskAnnVectorsReader(SegmentReadState state) throws IOException {
    IndexInput nodesIn = null;
    IndexInput pqIn = null;
    DirectIoNodeBlocks directIn = null;
    boolean success = false;
    try {
      nodesIn =
          openData(
              state,
              DiskAnnVectorsFormat.NODES_EXTENSION,
              DiskAnnVectorsFormat.NODES_CODEC_NAME,
              true);
      pqIn =
          openData(
              state, DiskAnnVectorsFormat.PQ_EXTENSION, DiskAnnVectorsFormat.PQ_CODEC_NAME, false);
      this.settings = DiskAnnReadSettings.of(state.directory);
      if (settings.directIo()) {
        directIn =
            DirectIoNodeBlocks.open(
                state.directory,
                fileName(state, DiskAnnVectorsFormat.NODES_EXTENSION),
                state.segmentInfo.getUseCompoundFile());
      }
      this.nodes = nodesIn;
      this.pq = pqIn;
      this.direct = directIn;
      readFields(state);
      success = true;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(nodesIn, pqIn, directIn);
      }
    }
  }

  private static String fileName(SegmentReadState state, String extension) {
    return IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, extension);
  }

  private static IndexInput openData(
      SegmentReadState state, String extension, String codecName, boolean random)
      throws IOException {
    String name = fileName(state, extension);
    IndexInput in =
        state.directory.openInput(name, random ? state.context.withRandomAccess() : state.context);
    boolean success = false;
    try {
      CodecUtil.checkIndexHeader(
          in,
          codecName,
          DiskAnnVectorsFormat.VERSION_START,
          DiskAnnVectorsFormat.VERSION_CURRENT,
          state.segmentInfo.getId(),
          state.segmentSuffix);
      CodecUtil.retrieveChecksum(in);
      success = true;
      return in;
    } finally {
      if (success == false) {
        IOUtils.closeWhileHandlingException(in);
      }
    }
  }

  private void readFields(SegmentReadState state) throws IOException {
    String metaName =
        IndexFileNames.segmentFileName(
            state.segmentInfo.name, state.segmentSuffix, DiskAnnVectorsFormat.META_EXTENSION);
    try (ChecksumIndexInput meta = state.directory.openChecksumInput(metaName, state.context)) {
      Throwable priorE = null;
      try {
        int version =
            CodecUtil.checkIndexHeader(
                meta,
                DiskAnnVectorsFormat.META_CODEC_NAME,
                DiskAnnVectorsFormat.VERSION_START,
                DiskAnnVectorsFormat.VERSION_CURRENT,
                state.segmentInfo.getId(),
                state.segmentSuffix);
        for (int number = meta.readInt(); number != -1; number = meta.readInt()) {
          FieldInfo info = state.fieldInfos.fieldInfo(number);
          if (info == null) {
            throw new CorruptIndexException("invalid field number: " + number, meta);
          }
          DiskAnnFieldEntry entry =
              DiskAnnFieldEntry.read(meta, info, version, nodes.length(), pq.length());
          fields.put(info.name, openField(entry));
        }
      } catch (Throwable t) {
        priorE = t;
      } finally {
        CodecUtil.checkFooter(meta, priorE);
      }
    }
  }

  private Field openField(DiskAnnFieldEntry entry) throws IOException {
    IndexInput region = nodes.slice("diskann-nodes", entry.nodesOffset(), entry.nodesLength());
    RandomAccessInput positions =
        nodes.randomAccessSlice(entry.positionsOffset(), 4L * entry.size());
    DocOrdinals ordinals = new DocOrdinals(entry.ordToDoc(), nodes, entry.size());
    byte[] records = loadRecords(entry.pq());
    if (!entry.hasGraph()) {
      return new Field(entry, region, positions, ordinals, HotNodeCache.EMPTY, null, records, null);
    }
    long cacheBytes = settings.cacheBytes(entry.cacheBytes());
    HotNodeCache cache =
        entry.size() == 0
            ? HotNodeCache.EMPTY
            : HotNodeCache.load(entry, region.clone(), cacheBytes);
    CoarseEntryPoints entryPoints =
        CoarseEntryPoints.of(entry.pq(), records, entry.size(), entry.dimension());
    return new Field(
        entry,
        region,
        positions,
        ordinals,
        cache,
        entryPoints,
        records,
        new BeamSearcher(entry, region, cache, entryPoints, records, ordinals, direct));
  }

  private byte[] loadRecords(PqFieldEntry entry) throws IOException {
    if (entry.codesLength() > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(
          "PQ codes of "
              + entry.codesLength()
              + " bytes in one segment exceed a Java array; merge smaller segments");
    }
    byte[] records = new byte[(int) entry.codesLength()];
    IndexInput in = pq.clone();
    in.seek(entry.codesOffset());
    in.readBytes(records, 0, records.length);
    return records;
  }

  private Field field(String name, VectorEncoding expected) {
    Field field = fields.get(name);
    if (field == null) {
      throw new IllegalArgumentException(
          "field \"" + name + "\" has no vectors in this segment's DiskANN format");
    }
    if (field.entry().encoding() != expected) {
      throw new IllegalArgumentException(
          "field \""
              + name
              + "\" is encoded as "
              + field.entry().encoding()
              + ", expected "
              + expected);
    }
    return field;
  }

  /** A segment's graph mapped into a merged segment's ordinals: the start of the merged graph. */
  record MergeSeed(int[][] lists, int entry, int nodes) {}

  /**
   * This segment's graph for {@code name}, with every node renamed by {@code oldDocToNewOrd} (its
   * document here to its ordinal in the merged segment), as {@code mergedSize} lists, null for
   * merged nodes not from here. Reads the node region once, sequentially; for a segment without
   * deletions, so every node maps somewhere.
   */
  MergeSeed mergeSeed(String name, IntUnaryOperator oldDocToNewOrd, int mergedSize)
      throws IOException {
    Field field = fields.get(name);
    if (field == null || field.entry().size() == 0 || !field.entry().hasGraph()) {
      return null;
    }
    DiskAnnFieldEntry entry = field.entry();
    NodeBlockLayout layout = entry.layout();
    int size = entry.size();
    int[] newOrdAt = new int[size];
    int[][] byPosition = new int[size][];
    IndexInput in = field.region().clone();
    for (int position = 0; position < size; position++) {
      in.seek(layout.offset(position) + layout.vectorBytes());
      int ord = HotNodeCache.readOrd(in, position, entry);
      int degree = HotNodeCache.readDegree(in, position, entry);
      byPosition[position] = new int[degree];
      in.readInts(byPosition[position], 0, degree);
      newOrdAt[position] = oldDocToNewOrd.applyAsInt(field.ordinals().ordToDoc(ord));
      if (newOrdAt[position] < 0 || newOrdAt[position] >= mergedSize) {
        throw new IllegalStateException(
            "node " + ord + " maps to merged ordinal " + newOrdAt[position]);
      }
    }
    int[][] lists = new int[mergedSize][];
    for (int position = 0; position < size; position++) {
      int[] list = byPosition[position];
      for (int i = 0; i < list.length; i++) {
        list[i] = newOrdAt[HotNodeCache.checkNeighbour(list[i], position, entry, in)];
      }
      lists[newOrdAt[position]] = list;
    }
    return new MergeSeed(lists, newOrdAt[entry.entryNode()], size);
  }

  /** Whether {@code name}'s vectors here have a graph; false for a flushed segment's. */
  boolean hasGraph(String name) {
    Field field = fields.get(name);
    return field != null && field.entry().hasGraph();
  }

  @Override
  public void checkIntegrity() throws IOException {
    CodecUtil.checksumEntireFile(nodes);
    CodecUtil.checksumEntireFile(pq);
  }

  @Override
  public FloatVectorValues getFloatVectorValues(String name) throws IOException {
    Field field = field(name, VectorEncoding.FLOAT32);
    return NodeBlockVectors.floats(
        field.entry(), field.region(), field.positions(), field.ordinals());
  }

  @Override
  public ByteVectorValues getByteVectorValues(String name) throws IOException {
    Field field = field(name, VectorEncoding.BYTE);
    return NodeBlockVectors.bytes(
        field.entry(), field.region(), field.positions(), field.ordinals());
  }

  @Override
  public void search(String name, float[] target, KnnCollector knnCollector, Bits acceptDocs)
      throws IOException {
    Field field = field(name, VectorEncoding.FLOAT32);
    search(
        field,
        () ->
            DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                field.entry().similarity(),
                (RandomAccessVectorValues) getFloatVectorValues(name),
                target),
        target,
        null,
        knnCollector,
        acceptDocs);
  }

  @Override
  public void search(String name, byte[] target, KnnCollector knnCollector, Bits acceptDocs)
      throws IOException {
    Field field = field(name, VectorEncoding.BYTE);
    search(
        field,
        () ->
            DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                field.entry().similarity(),
                (RandomAccessVectorValues) getByteVectorValues(name),
                target),
        null,
        target,
        knnCollector,
        acceptDocs);
  }

  /** A graph search, or for a field without a graph the exact scan with {@code exactScorer}'s. */
  private static void search(
      Field field,
      IOSupplier<RandomVectorScorer> exactScorer,
      float[] floatTarget,
      byte[] byteTarget,
      KnnCollector knnCollector,
      Bits acceptDocs)
      throws IOException {
    if (field.entry().size() == 0) {
      return;
    }
    Bits acceptOrds = field.ordinals().acceptOrds(acceptDocs);
    if (field.searcher() == null) {
      ExactScan.search(exactScorer.get(), field.ordinals(), knnCollector, acceptOrds);
    } else {
      field.searcher().search(floatTarget, byteTarget, knnCollector, acceptOrds);
    }
  }

  /** Heap: the PQ records, codebooks, coarse entry points and hot-node caches of every field. */
  @Override
  public long ramBytesUsed() {
    long bytes = SHALLOW_SIZE;
    for (Field field : fields.values()) {
      bytes +=
          RamUsageEstimator.sizeOf(field.records())
              + field.cache().ramBytesUsed()
              + (field.entryPoints() == null ? 0 : field.entryPoints().ramBytesUsed());
      if (field.entry().pq().quantizer() != null) {
        int dimension = field.entry().dimension();
        bytes +=
            (long) Float.BYTES
                * dimension
                * (field.entry().pq().quantizer().coarseCount()
                    + 2L * field.entry().pq().bits().centroidsPerSubspace());
      }
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(nodes, pq, direct);
  }
}
