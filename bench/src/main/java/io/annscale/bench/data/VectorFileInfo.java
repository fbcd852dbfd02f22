package io.annscale.bench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What a vector file holds, read from its header and checked against its size: a truncated file or
 * a header that disagrees with the size is reported here, before anything is read.
 *
 * @param count number of vectors
 * @param dimension components per vector
 */
public record VectorFileInfo(Path path, VectorFileFormat format, long count, int dimension) {

  /** Reads the header of {@code path}, whose format is named by its extension. */
  public static VectorFileInfo read(Path path) throws IOException {
    return read(path, VectorFileFormat.of(path));
  }

  /** Reads the header of {@code path} as {@code format}. */
  public static VectorFileInfo read(Path path, VectorFileFormat format) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "not a readable file");
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      int headerBytes = format.hasGlobalHeader ? 8 : 4;
      if (size == 0) {
        throw new VectorFileException(path, "empty file: no " + format.extension + " header");
      }
      if (size < headerBytes) {
        throw new VectorFileException(
            path,
            String.format(Locale.ROOT, "truncated header: %d of %d bytes", size, headerBytes));
      }
      header.limit(headerBytes);
      while (header.hasRemaining() && channel.read(header) >= 0) {}
      header.flip();
      return format.hasGlobalHeader
          ? checkBinHeader(path, format, size, header.getInt(), header.getInt())
          : checkTexmexSize(path, format, size, header.getInt());
    }
  }

  private static VectorFileInfo checkBinHeader(
      Path path, VectorFileFormat format, long size, int count, int dimension) throws IOException {
    if (count < 0) {
      throw new VectorFileException(path, "header: negative vector count " + count);
    }
    checkDimension(path, 0, dimension);
    long expected = VectorFileFormat.BIN_HEADER_BYTES + count * format.recordBytes(dimension);
    if (size != expected) {
      throw new VectorFileException(
          path,
          String.format(
              Locale.ROOT,
              "header says %d vectors of dimension %d (%d bytes of %s) but the file has %d bytes%s",
              count,
              dimension,
              expected,
              format.elementType,
              size,
              size < expected ? ": truncated" : ": trailing bytes"));
    }
    return new VectorFileInfo(path, format, count, dimension);
  }

  private static VectorFileInfo checkTexmexSize(
      Path path, VectorFileFormat format, long size, int dimension) throws IOException {
    checkDimension(path, 0, dimension);
    long recordBytes = format.recordBytes(dimension);
    if (size % recordBytes != 0) {
      long complete = size / recordBytes;
      throw new VectorFileException(
          path,
          complete,
          String.format(
              Locale.ROOT,
              "incomplete: the file has %d bytes, not a multiple of the %d-byte record of dimension %d"
                  + " (record 0's dimension); truncated, or a record has another dimension",
              size,
              recordBytes,
              dimension));
    }
    return new VectorFileInfo(path, format, size / recordBytes, dimension);
  }

  static void checkDimension(Path path, long record, int dimension) throws VectorFileException {
    if (dimension <= 0 || dimension > VectorFileFormat.MAX_DIMENSION) {
      throw new VectorFileException(
          path,
          record,
          String.format(
              Locale.ROOT,
              "dimension %d is out of range [1, %d]: not a vector file of this format, or corrupt",
              dimension,
              VectorFileFormat.MAX_DIMENSION));
    }
  }

  /** Bytes of one record, including a TEXMEX per-record dimension. */
  public long recordBytes() {
    return format.recordBytes(dimension);
  }
}
