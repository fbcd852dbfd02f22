package io.annscale.bench.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes a vector file atomically: records go to {@code <name>.partial} beside the target, and only
 * {@link #commit()} moves it into place. Closing without committing deletes the partial file, so a
 * failure never leaves a file that looks complete.
 *
 * <p>A {@link #resume resumed} writer is for long jobs that write in steps: it continues the
 * partial file an earlier writer left (after its last complete record), and keeps the partial file
 * when closed without a commit.
 *
 * <p>Values are checked on the way in: a non-finite float, or a value an integral format cannot
 * hold, is rejected with the record and component named.
 */
public final class VectorFileWriter implements Closeable {
  private static final int IO_BUFFER_BYTES = 1 << 20;

  private final Path target;
  private final Path partial;
  private final VectorFileFormat format;
  private final int dimension;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final boolean keepPartial;
  private long count;
  private boolean committed;

  private VectorFileWriter(Path target, VectorFileFormat format, int dimension) throws IOException {
    this(target, format, dimension, false);
  }

  private VectorFileWriter(Path target, VectorFileFormat format, int dimension, boolean resume)
      throws IOException {
    VectorFileInfo.checkDimension(target, -1, dimension);
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + ".partial");
    this.format = format;
    this.dimension = dimension;
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.keepPartial = resume;
    this.buffer =
        ByteBuffer.allocateDirect((int) Math.max(IO_BUFFER_BYTES, format.recordBytes(dimension)))
            .order(ByteOrder.LITTLE_ENDIAN);
    long headerBytes = format.hasGlobalHeader ? VectorFileFormat.BIN_HEADER_BYTES : 0;
    if (resume && Files.exists(partial) && Files.size(partial) >= headerBytes) {
      this.channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
      // a record cut short by the end of the last run is dropped; the ones before it are kept
      this.count = (channel.size() - headerBytes) / format.recordBytes(dimension);
      long end = headerBytes + count * format.recordBytes(dimension);
      if (count > 0 && !format.hasGlobalHeader) {
        checkFirstRecordDimension();
      }
      channel.truncate(end);
      channel.position(end);
      if (count == 0 && format.hasGlobalHeader) {
        channel.position(0);
        buffer.putInt(0).putInt(dimension);
      }
    } else {
      this.channel =
          FileChannel.open(
              partial,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
      if (format.hasGlobalHeader) {
        buffer.putInt(0).putInt(dimension); // the count is patched in by commit()
      }
    }
  }

  /** A partial file of another dimension is another job's: refuse it rather than append to it. */
  private void checkFirstRecordDimension() throws IOException {
    ByteBuffer first = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    channel.read(first, 0);
    int found = first.flip().getInt();
    if (found != dimension) {
      channel.close();
      throw new VectorFileException(
          partial,
          0,
          "a partial file of dimension "
              + found
              + " cannot be resumed at dimension "
              + dimension
              + "; delete it");
    }
  }

  /** Creates a writer for {@code path} in the format its extension names. */
  public static VectorFileWriter create(Path path, int dimension) throws IOException {
    return new VectorFileWriter(path, VectorFileFormat.of(path), dimension);
  }

  /**
   * A writer that continues {@code <path>.partial} if an earlier run left one (its {@link #count()}
   * says how many records it kept), and that keeps the partial file when closed without {@link
   * #commit()}.
   */
  public static VectorFileWriter resume(Path path, int dimension) throws IOException {
    return new VectorFileWriter(path, VectorFileFormat.of(path), dimension, true);
  }

  /** Creates a writer for {@code path} in {@code format}. */
  public static VectorFileWriter create(Path path, VectorFileFormat format, int dimension)
      throws IOException {
    return new VectorFileWriter(path, format, dimension);
  }

  public int dimension() {
    return dimension;
  }

  /** Vectors written so far. */
  public long count() {
    return count;
  }

  /** Writes one vector of {@link #dimension()} floats. */
  public void write(float[] vector) throws IOException {
    checkLength(vector.length);
    write(vector, 0, 1);
  }

  /**
   * Writes {@code vectors} vectors stored back to back in {@code block} from {@code offset}.
   *
   * @param offset index in {@code block} of the first component
   * @param vectors number of vectors, {@code >= 0}
   */
  public void write(float[] block, int offset, int vectors) throws IOException {
    ElementType type = format.elementType;
    for (int v = 0; v < vectors; v++) {
      startRecord();
      int base = offset + v * dimension;
      for (int i = 0; i < dimension; i++) {
        float x = block[base + i];
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException(describe(i, "value " + x + " is not finite"));
        }
        if (type == ElementType.FLOAT32) {
          buffer.putFloat(x);
        } else {
          if (x != Math.rint(x) || x < type.min() || x > type.max()) {
            throw new IllegalArgumentException(
                describe(
                    i,
                    String.format(
                        Locale.ROOT,
                        "value %s is not a whole number in [%s, %s] as %s requires",
                        x,
                        (long) type.min(),
                        (long) type.max(),
                        format.extension)));
          }
          if (type == ElementType.INT32) {
            buffer.putInt((int) x);
          } else {
            buffer.put((byte) (int) x);
          }
        }
      }
      count++;
    }
  }

  /**
   * Writes one record of an int32 format ({@code ivecs}, {@code ibin}), such as a ground-truth row.
   */
  public void writeInts(int[] record) throws IOException {
    if (format.elementType != ElementType.INT32) {
      throw new IllegalStateException(
          target + ": " + format.extension + " does not hold int32 records");
    }
    checkLength(record.length);
    startRecord();
    for (int x : record) {
      buffer.putInt(x);
    }
    count++;
  }

  private void checkLength(int length) {
    if (length != dimension) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: record %d has %d components, expected %d",
              target,
              count,
              length,
              dimension));
    }
  }

  private String describe(int component, String problem) {
    return String.format(
        Locale.ROOT, "%s: record %d, component %d: %s", target, count, component, problem);
  }

  private void startRecord() throws IOException {
    if (committed) {
      throw new IllegalStateException(target + ": already committed");
    }
    if (buffer.remaining() < format.recordBytes(dimension)) {
      flush();
    }
    if (!format.hasGlobalHeader) {
      buffer.putInt(dimension);
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** Completes the file (header count, fsync) and moves it to its final name. */
  public void commit() throws IOException {
    if (committed) {
      return;
    }
    flush();
    if (format.hasGlobalHeader) {
      if (count > Integer.MAX_VALUE) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s: %d vectors do not fit the int32 count of a %s header",
                target,
                count,
                format.extension));
      }
      ByteBuffer header =
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) count).flip();
      channel.write(header, 0);
    }
    channel.force(true);
    channel.close();
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  /**
   * Closes; if {@link #commit()} was not called, the target is left untouched and the partial file
   * is deleted, or for a {@link #resume resumed} writer flushed and kept for the next run.
   */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        if (keepPartial) {
          flush();
        }
        channel.close();
      } finally {
        if (!keepPartial) {
          Files.deleteIfExists(partial);
        }
      }
    }
  }

  /**
   * Writes buffered records to the file, so that a run stopped after this keeps them for a resumed
   * writer.
   */
  public void sync() throws IOException {
    flush();
  }
}
