package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import java.io.IOException;
import org.apache.lucene.codecs.lucene95.OrdToDocDISIReaderConfiguration;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * One field's entry in {@code .dam}; the layout is documented on {@link DiskAnnVectorsFormat}.
 * Reading checks every value against the field's schema and the data files' lengths, so a damaged
 * file fails at open with {@link CorruptIndexException} instead of misleading a search.
 */
record DiskAnnFieldEntry(
    int fieldNumber,
    VectorEncoding encoding,
    VectorSimilarityFunction similarity,
    int dimension,
    int size,
    int maxDegree,
    int buildListSize,
    float alpha,
    int searchListSize,
    int beamWidth,
    long cacheBytes,
    int entryNode,
    long nodesOffset,
    long nodesLength,
    long positionsOffset,
    boolean hasGraph,
    OrdToDocDISIReaderConfiguration ordToDoc,
    PqFieldEntry pq) {

  /** Persisted encodings, by explicit position (never {@code ordinal()}). */
  private static final VectorEncoding[] ENCODINGS = {VectorEncoding.BYTE, VectorEncoding.FLOAT32};

  NodeBlockLayout layout() {
    return layout(encoding, dimension, maxDegree);
  }

  static NodeBlockLayout layout(VectorEncoding encoding, int dimension, int maxDegree) {
    return new NodeBlockLayout(dimension, encoding.byteSize * dimension, maxDegree);
  }

  /**
   * Writes everything up to the ord-to-doc mapping, which the caller writes next, then {@link #pq}.
   */
  static void writeHead(
      IndexOutput meta,
      FieldInfo info,
      int size,
      DiskAnnParameters parameters,
      int entryNode,
      long nodesOffset,
      long nodesLength,
      long positionsOffset,
      boolean hasGraph)
      throws IOException {
    meta.writeInt(info.number);
    meta.writeVInt(info.getVectorEncoding() == VectorEncoding.BYTE ? 0 : 1);
    meta.writeVInt(
        Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.indexOf(info.getVectorSimilarityFunction()));
    meta.writeVInt(info.getVectorDimension());
    meta.writeInt(size);
    meta.writeVInt(parameters.maxDegree());
    meta.writeVInt(parameters.buildListSize());
    meta.writeInt(Float.floatToIntBits(parameters.alpha()));
    meta.writeVInt(parameters.searchListSize());
    meta.writeVInt(parameters.beamWidth());
    meta.writeVLong(parameters.cacheBytesFor(nodesLength));
    meta.writeInt(entryNode);
    meta.writeVLong(nodesOffset);
    meta.writeVLong(nodesLength);
    meta.writeVLong(positionsOffset);
    meta.writeByte(hasGraph ? (byte) 1 : 0);
  }

  /**
   * Reads the entry that follows {@code info}'s field number, written at format {@code version}.
   */
  static DiskAnnFieldEntry read(
      IndexInput meta, FieldInfo info, int version, long nodesFileLength, long pqFileLength)
      throws IOException {
    String field = "field \"" + info.name + "\": ";
    int encodingId = meta.readVInt();
    if (encodingId < 0 || encodingId >= ENCODINGS.length) {
      throw new CorruptIndexException(field + "invalid vector encoding id " + encodingId, meta);
    }
    VectorEncoding encoding = ENCODINGS[encodingId];
    if (encoding != info.getVectorEncoding()) {
      throw new CorruptIndexException(
          field + "encoding " + encoding + " differs from the schema's " + info.getVectorEncoding(),
          meta);
    }
    int similarityId = meta.readVInt();
    if (similarityId < 0
        || similarityId >= Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.size()
        || Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.get(similarityId)
            != info.getVectorSimilarityFunction()) {
      throw new CorruptIndexException(
          field
              + "similarity id "
              + similarityId
              + " does not match the schema's "
              + info.getVectorSimilarityFunction(),
          meta);
    }
    int dimension = meta.readVInt();
    if (dimension != info.getVectorDimension()) {
      throw new CorruptIndexException(
          field
              + "dimension "
              + dimension
              + " differs from the schema's "
              + info.getVectorDimension(),
          meta);
    }
    int size = meta.readInt();
    int maxDegree = meta.readVInt();
    int buildListSize = meta.readVInt();
    float alpha = Float.intBitsToFloat(meta.readInt());
    int searchListSize = meta.readVInt();
    int beamWidth = meta.readVInt();
    long cacheBytes = meta.readVLong();
    int entryNode = meta.readInt();
    long nodesOffset = meta.readVLong();
    long nodesLength = meta.readVLong();
    long positionsOffset = meta.readVLong();
    boolean hasGraph = true;
    if (version >= DiskAnnVectorsFormat.VERSION_FLAT_SEGMENTS) {
      byte graph = meta.readByte();
      if (graph != 0 && graph != 1) {
        throw new CorruptIndexException(field + "graph flag " + graph + ", expected 0 or 1", meta);
      }
      hasGraph = graph == 1;
    }
    try {
      new DiskAnnParameters(
          maxDegree,
          buildListSize,
          alpha,
          searchListSize,
          beamWidth,
          0,
          DiskAnnParameters.DEFAULT.pq(),
          1,
          2);
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(field + e.getMessage(), meta, e);
    }
    if (size < 0 || cacheBytes < 0) {
      throw new CorruptIndexException(
          field + "vector count " + size + ", cache bytes " + cacheBytes, meta);
    }
    if (size == 0 ? entryNode != -1 : entryNode < 0 || entryNode >= size) {
      throw new CorruptIndexException(
          field + "entry node " + entryNode + " with " + size + " vectors", meta);
    }
    long expectedLength = layout(encoding, dimension, maxDegree).regionBytes(size);
    if (nodesLength != expectedLength
        || nodesOffset % NodeBlockLayout.SECTOR_BYTES != 0
        || nodesOffset < 0
        || nodesOffset > nodesFileLength
        || nodesLength > nodesFileLength - nodesOffset) {
      throw new CorruptIndexException(
          field
              + "node region at "
              + nodesOffset
              + " length "
              + nodesLength
              + " (expected "
              + expectedLength
              + ", sector-aligned) does not fit a node file of "
              + nodesFileLength
              + " bytes",
          meta);
    }
    if (positionsOffset < nodesOffset + nodesLength
        || positionsOffset > nodesFileLength - 4L * size) {
      throw new CorruptIndexException(
          field
              + "ordinal-to-position map at "
              + positionsOffset
              + " for "
              + size
              + " vectors does not fit after the node region in a node file of "
              + nodesFileLength
              + " bytes",
          meta);
    }
    OrdToDocDISIReaderConfiguration ordToDoc =
        OrdToDocDISIReaderConfiguration.fromStoredMeta(meta, size);
    int pqFieldNumber = meta.readInt();
    if (pqFieldNumber != info.number) {
      throw new CorruptIndexException(field + "PQ entry of field number " + pqFieldNumber, meta);
    }
    PqFieldEntry pq = PqFieldEntry.read(meta, info, pqFileLength);
    // a field without a graph has no codes
    int codes = hasGraph ? size : 0;
    if (pq.size() != codes) {
      throw new CorruptIndexException(
          field + "PQ entry holds " + pq.size() + " vectors, not " + codes, meta);
    }
    return new DiskAnnFieldEntry(
        info.number,
        encoding,
        info.getVectorSimilarityFunction(),
        dimension,
        size,
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheBytes,
        entryNode,
        nodesOffset,
        nodesLength,
        positionsOffset,
        hasGraph,
        ordToDoc,
        pq);
  }
}
