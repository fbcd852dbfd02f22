package io.annscale.bench.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reads a vector file front to back in blocks, holding only one I/O buffer and the caller's block
 * on the heap, so the file's size is not limited by memory. Every TEXMEX record's own dimension is
 * checked as it is read.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class VectorFileReader implements Closeable {
  private static final int IO_BUFFER_BYTES = 1 << 20;

  private final VectorFileInfo info;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final long limit;
  private long next;

  private VectorFileReader(VectorFileInfo info, long limit) throws IOException {
    this.info = info;
    this.limit = limit;
    this.channel = FileChannel.open(info.path(), StandardOpenOption.READ);
    this.buffer =
        ByteBuffer.allocateDirect((int) Math.max(IO_BUFFER_BYTES, info.recordBytes()))
            .order(ByteOrder.LITTLE_ENDIAN);
    buffer.flip();
    channel.position(info.format().hasGlobalHeader ? VectorFileFormat.BIN_HEADER_BYTES : 0);
  }

  /** Opens {@code path} (format from its extension) to read all its vectors. */
  public static VectorFileReader open(Path path) throws IOException {
    return open(VectorFileInfo.read(path), Long.MAX_VALUE);
  }

  /**
   * Opens a file to read at most its first {@code limit} vectors.
   *
   * @param limit maximum number of vectors to read, {@code >= 0}
   */
  public static VectorFileReader open(VectorFileInfo info, long limit) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    return new VectorFileReader(info, Math.min(limit, info.count()));
  }

  public VectorFileInfo info() {
    return info;
  }

  public int dimension() {
    return info.dimension();
  }

  /**
   * Number of vectors this reader will return in all: the file's count, or the limit if smaller.
   */
  public long size() {
    return limit;
  }

  /** Ordinal of the next vector to be read. */
  public long position() {
    return next;
  }

  /**
   * Moves past the next {@code vectors} vectors without reading them (a resumed build starts where
   * it stopped).
   *
   * @return the number skipped: fewer only at the end
   */
  public long skip(long vectors) throws IOException {
    if (vectors < 0) {
      throw new IllegalArgumentException("vectors must be >= 0, got " + vectors);
    }
    long n = Math.min(vectors, limit - next);
    long header = info.format().hasGlobalHeader ? VectorFileFormat.BIN_HEADER_BYTES : 0;
    next += n;
    channel.position(header + next * info.recordBytes());
    buffer.clear().flip();
    return n;
  }

  /**
   * Reads up to {@code maxVectors} vectors as floats into {@code block}, vector {@code i} at {@code
   * i * dimension}.
   *
   * @return the number of vectors read, 0 at the end
   */
  public int read(float[] block, int maxVectors) throws IOException {
    int dim = info.dimension();
    int n = (int) Math.min(maxVectors, limit - next);
    checkCapacity(block.length, n);
    ElementType type = info.format().elementType;
    for (int v = 0; v < n; v++) {
      fill();
      int off = v * dim;
      switch (type) {
        case FLOAT32:
          buffer.asFloatBuffer().get(block, off, dim);
          buffer.position(buffer.position() + dim * Float.BYTES);
          break;
        case INT32:
          for (int i = 0; i < dim; i++) {
            block[off + i] = buffer.getInt();
          }
          break;
        case UINT8:
          for (int i = 0; i < dim; i++) {
            block[off + i] = buffer.get() & 0xFF;
          }
          break;
        case INT8:
          for (int i = 0; i < dim; i++) {
            block[off + i] = buffer.get();
          }
          break;
      }
      next++;
    }
    return n;
  }

  /**
   * Reads up to {@code maxVectors} records of an int32 file into {@code block}.
   *
   * @return the number of records read, 0 at the end
   */
  public int readInts(int[] block, int maxVectors) throws IOException {
    if (info.format().elementType != ElementType.INT32) {
      throw new IllegalStateException(
          info.path() + ": holds " + info.format().elementType + " components, not INT32");
    }
    int dim = info.dimension();
    int n = (int) Math.min(maxVectors, limit - next);
    checkCapacity(block.length, n);
    for (int v = 0; v < n; v++) {
      fill();
      buffer.asIntBuffer().get(block, v * dim, dim);
      buffer.position(buffer.position() + dim * Integer.BYTES);
      next++;
    }
    return n;
  }

  private void checkCapacity(int blockLength, int n) {
    if ((long) n * info.dimension() > blockLength) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "block of %d components cannot hold %d vectors of dimension %d",
              blockLength,
              n,
              info.dimension()));
    }
  }

  /**
   * Makes one whole record available in the buffer and, for TEXMEX, checks and skips its dimension.
   */
  private void fill() throws IOException {
    long recordBytes = info.recordBytes();
    if (buffer.remaining() < recordBytes) {
      buffer.compact();
      while (buffer.position() < recordBytes) {
        if (channel.read(buffer) < 0) {
          throw new VectorFileException(
              info.path(), next, "unexpected end of file (file changed while read?)");
        }
      }
      buffer.flip();
    }
    if (!info.format().hasGlobalHeader) {
      int recordDimension = buffer.getInt();
      if (recordDimension != info.dimension()) {
        throw new VectorFileException(
            info.path(),
            next,
            String.format(
                Locale.ROOT,
                "dimension %d differs from the file's dimension %d",
                recordDimension,
                info.dimension()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
