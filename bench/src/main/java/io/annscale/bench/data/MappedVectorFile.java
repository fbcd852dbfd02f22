package io.annscale.bench.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;

/**
 * Random access to any record of a vector file through memory maps, so a file far larger than the
 * heap can be read at any ordinal: the pages live in the OS page cache, not on the Java heap.
 *
 * <p>A {@link MappedByteBuffer} addresses at most 2 GiB, so the file is mapped in chunks that each
 * hold a whole number of records; no record straddles two chunks. Reads use absolute positions
 * only, so one instance is safe to share between threads. The maps are released when the instance
 * is garbage collected (Java 17 has no safe unmap).
 */
public final class MappedVectorFile implements Closeable {
  private static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 8;

  private final VectorFileInfo info;
  private final MappedByteBuffer[] chunks;
  private final long recordsPerChunk;
  private final long recordBytes;
  private final int prefixBytes;

  private MappedVectorFile(VectorFileInfo info, MappedByteBuffer[] chunks, long recordsPerChunk) {
    this.info = info;
    this.chunks = chunks;
    this.recordsPerChunk = recordsPerChunk;
    this.recordBytes = info.recordBytes();
    this.prefixBytes = info.format().hasGlobalHeader ? 0 : Integer.BYTES;
  }

  /**
   * Maps {@code path}, whose format is named by its extension, after checking its header against
   * its size.
   */
  public static MappedVectorFile open(Path path) throws IOException {
    return open(VectorFileInfo.read(path));
  }

  /** Maps the file {@code info} describes. */
  public static MappedVectorFile open(VectorFileInfo info) throws IOException {
    return open(info, MAX_CHUNK_BYTES);
  }

  /**
   * Maps with chunks of at most {@code maxChunkBytes} (rounded down to whole records, at least
   * one).
   */
  static MappedVectorFile open(VectorFileInfo info, long maxChunkBytes) throws IOException {
    long recordBytes = info.recordBytes();
    long recordsPerChunk = Math.max(1, Math.min(MAX_CHUNK_BYTES, maxChunkBytes) / recordBytes);
    int chunkCount = (int) ((info.count() + recordsPerChunk - 1) / recordsPerChunk);
    long base = info.format().hasGlobalHeader ? VectorFileFormat.BIN_HEADER_BYTES : 0;
    MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
    try (FileChannel channel = FileChannel.open(info.path(), StandardOpenOption.READ)) {
      for (int c = 0; c < chunkCount; c++) {
        long first = c * recordsPerChunk;
        long records = Math.min(recordsPerChunk, info.count() - first);
        chunks[c] =
            channel.map(
                FileChannel.MapMode.READ_ONLY, base + first * recordBytes, records * recordBytes);
        chunks[c].order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    return new MappedVectorFile(info, chunks, recordsPerChunk);
  }

  public VectorFileInfo info() {
    return info;
  }

  /** Number of vectors. */
  public long size() {
    return info.count();
  }

  public int dimension() {
    return info.dimension();
  }

  /**
   * Reads vector {@code ord} as floats (integral formats are widened).
   *
   * @param ord record ordinal in {@code [0, size())}
   * @param dst array of at least {@link #dimension()} floats, or null to allocate one
   * @throws UncheckedIOException wrapping a {@link VectorFileException} if the record's own
   *     dimension differs
   */
  public float[] floats(long ord, float[] dst) {
    int dim = info.dimension();
    float[] out = dst == null ? new float[dim] : dst;
    MappedByteBuffer chunk = chunk(ord);
    int pos = position(ord, chunk);
    switch (info.format().elementType) {
      case FLOAT32:
        for (int i = 0; i < dim; i++) {
          out[i] = chunk.getFloat(pos + i * Float.BYTES);
        }
        break;
      case INT32:
        for (int i = 0; i < dim; i++) {
          out[i] = chunk.getInt(pos + i * Integer.BYTES);
        }
        break;
      case UINT8:
        for (int i = 0; i < dim; i++) {
          out[i] = chunk.get(pos + i) & 0xFF;
        }
        break;
      case INT8:
        for (int i = 0; i < dim; i++) {
          out[i] = chunk.get(pos + i);
        }
        break;
    }
    return out;
  }

  /**
   * Reads record {@code ord} of an int32 file ({@code ivecs}, {@code ibin}), such as a ground-truth
   * row.
   *
   * @param dst array of at least {@link #dimension()} ints, or null to allocate one
   */
  public int[] ints(long ord, int[] dst) {
    if (info.format().elementType != ElementType.INT32) {
      throw new IllegalStateException(
          info.path() + ": holds " + info.format().elementType + " components, not INT32");
    }
    int dim = info.dimension();
    int[] out = dst == null ? new int[dim] : dst;
    MappedByteBuffer chunk = chunk(ord);
    int pos = position(ord, chunk);
    for (int i = 0; i < dim; i++) {
      out[i] = chunk.getInt(pos + i * Integer.BYTES);
    }
    return out;
  }

  /**
   * Checks every record's own dimension (TEXMEX formats repeat it per record), touching each record
   * once.
   *
   * @throws VectorFileException naming the first inconsistent record
   */
  public void validate() throws VectorFileException {
    try {
      for (long ord = 0; ord < info.count(); ord++) {
        MappedByteBuffer chunk = chunk(ord);
        position(ord, chunk);
      }
    } catch (UncheckedIOException e) {
      throw (VectorFileException) e.getCause();
    }
  }

  private MappedByteBuffer chunk(long ord) {
    Objects.checkIndex(ord, info.count());
    return chunks[(int) (ord / recordsPerChunk)];
  }

  /**
   * Byte position of record {@code ord}'s first component inside its chunk, after checking its
   * dimension.
   */
  private int position(long ord, MappedByteBuffer chunk) {
    int recordStart = (int) ((ord % recordsPerChunk) * recordBytes);
    if (prefixBytes != 0) {
      int recordDimension = chunk.getInt(recordStart);
      if (recordDimension != info.dimension()) {
        throw new UncheckedIOException(
            new VectorFileException(
                info.path(),
                ord,
                String.format(
                    Locale.ROOT,
                    "dimension %d differs from the file's dimension %d",
                    recordDimension,
                    info.dimension())));
      }
    }
    return recordStart + prefixBytes;
  }

  @Override
  public void close() {
    // Nothing to release eagerly: the maps go with the garbage collector.
  }
}
