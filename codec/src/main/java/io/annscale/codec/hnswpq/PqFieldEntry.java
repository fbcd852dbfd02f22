package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.ProductQuantizer;
import io.annscale.codec.pq.ResidualAdcQuery;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.IndexInput;

/**
 * One quantized field's entry in {@code .pqm}; the layout is documented on {@link
 * PqFlatVectorsFormat}.
 *
 * @param quantizer the trained coarse centroids and residual codebooks, null when the field has no
 *     vectors in this segment
 */
public record PqFieldEntry(
    int fieldNumber,
    VectorSimilarityFunction similarity,
    int dimension,
    int size,
    PqBits bits,
    int subspaces,
    int oversample,
    ResidualProductQuantizer quantizer,
    long codesOffset,
    long codesLength) {

  public int codeBytes() {
    return codeBytes(bits, subspaces);
  }

  /** This entry with its records at {@code codesOffset}, {@code codesLength} bytes long. */
  public PqFieldEntry withCodes(long codesOffset, long codesLength) {
    return new PqFieldEntry(
        fieldNumber,
        similarity,
        dimension,
        size,
        bits,
        subspaces,
        oversample,
        quantizer,
        codesOffset,
        codesLength);
  }

  /** One vector's record in {@code .pqc}: code, coarse centroid, correction. */
  public int recordBytes() {
    return recordBytes(bits, subspaces);
  }

  public static int recordBytes(PqBits bits, int subspaces) {
    return ResidualAdcQuery.recordBytes(codeBytes(bits, subspaces));
  }

  static int codeBytes(PqBits bits, int subspaces) {
    return bits == PqBits.EIGHT ? subspaces : (subspaces + 1) / 2;
  }

  public void write(DataOutput meta) throws IOException {
    meta.writeInt(fieldNumber);
    meta.writeVInt(Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.indexOf(similarity));
    meta.writeVInt(dimension);
    meta.writeInt(size);
    meta.writeByte((byte) bits.bits());
    meta.writeVInt(subspaces);
    meta.writeVInt(oversample);
    if (size > 0) {
      meta.writeVInt(quantizer.coarseCount());
      writeFloats(meta, quantizer.coarseCentroids());
      writeFloats(meta, quantizer.residuals().centroids());
    }
    meta.writeVLong(codesOffset);
    meta.writeVLong(codesLength);
  }

  /**
   * Reads the entry that follows a field number and checks it against the field's schema and the
   * data file's length: any inconsistency is a {@link CorruptIndexException}, so a damaged file
   * never reaches search.
   */
  public static PqFieldEntry read(IndexInput meta, FieldInfo info, long dataLength)
      throws IOException {
    int similarityIndex = meta.readVInt();
    if (similarityIndex < 0
        || similarityIndex >= Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.size()) {
      throw new CorruptIndexException("invalid similarity function id: " + similarityIndex, meta);
    }
    VectorSimilarityFunction similarity =
        Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.get(similarityIndex);
    if (similarity != info.getVectorSimilarityFunction()) {
      throw new CorruptIndexException(
          "field \""
              + info.name
              + "\": similarity "
              + similarity
              + " differs from the schema's "
              + info.getVectorSimilarityFunction(),
          meta);
    }
    int dimension = meta.readVInt();
    if (dimension != info.getVectorDimension()) {
      throw new CorruptIndexException(
          "field \""
              + info.name
              + "\": dimension "
              + dimension
              + " differs from the schema's "
              + info.getVectorDimension(),
          meta);
    }
    int size = meta.readInt();
    if (size < 0) {
      throw new CorruptIndexException(
          "field \"" + info.name + "\": negative vector count " + size, meta);
    }
    PqBits bits = readBits(meta);
    int subspaces = meta.readVInt();
    if (subspaces < 1 || subspaces > dimension) {
      throw new CorruptIndexException(
          "field \"" + info.name + "\": sub-spaces " + subspaces + " not in 1.." + dimension, meta);
    }
    int oversample = meta.readVInt();
    if (oversample < 1 || oversample > PqParameters.MAX_OVERSAMPLE) {
      throw new CorruptIndexException(
          "field \"" + info.name + "\": oversample " + oversample, meta);
    }
    ResidualProductQuantizer quantizer = null;
    if (size > 0) {
      int coarseCount = meta.readVInt();
      if (coarseCount < 1 || coarseCount > ResidualProductQuantizer.MAX_COARSE_CENTROIDS) {
        throw new CorruptIndexException(
            "field \""
                + info.name
                + "\": coarse centroids "
                + coarseCount
                + " not in 1.."
                + ResidualProductQuantizer.MAX_COARSE_CENTROIDS,
            meta);
      }
      float[] coarse = readFloats(meta, coarseCount * dimension);
      float[] centroids = readFloats(meta, bits.centroidsPerSubspace() * dimension);
      try {
        quantizer =
            ResidualProductQuantizer.fromParts(
                coarse,
                coarseCount,
                ProductQuantizer.fromCentroids(dimension, subspaces, bits, centroids));
      } catch (IllegalArgumentException e) {
        throw new CorruptIndexException(
            "field \"" + info.name + "\": bad codebooks: " + e.getMessage(), meta, e);
      }
    }
    long codesOffset = meta.readVLong();
    long codesLength = meta.readVLong();
    long expectedLength = (long) size * recordBytes(bits, subspaces);
    if (codesLength != expectedLength
        || codesOffset < 0
        || codesOffset > dataLength
        || codesLength > dataLength - codesOffset) {
      throw new CorruptIndexException(
          "field \""
              + info.name
              + "\": codes at offset "
              + codesOffset
              + " length "
              + codesLength
              + " do not fit: expected length "
              + expectedLength
              + " within a data file of "
              + dataLength
              + " bytes",
          meta);
    }
    return new PqFieldEntry(
        info.number,
        similarity,
        dimension,
        size,
        bits,
        subspaces,
        oversample,
        quantizer,
        codesOffset,
        codesLength);
  }

  private static void writeFloats(DataOutput out, float[] values) throws IOException {
    for (float v : values) {
      out.writeInt(Float.floatToIntBits(v));
    }
  }

  private static float[] readFloats(IndexInput in, int count) throws IOException {
    float[] values = new float[count];
    in.readFloats(values, 0, count);
    return values;
  }

  private static PqBits readBits(IndexInput meta) throws IOException {
    byte value = meta.readByte();
    for (PqBits bits : PqBits.values()) {
      if (bits.bits() == value) {
        return bits;
      }
    }
    throw new CorruptIndexException("invalid bits per code: " + value + ", expected 4 or 8", meta);
  }
}
