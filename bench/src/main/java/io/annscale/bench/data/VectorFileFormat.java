package io.annscale.bench.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The on-disk vector formats, named by file extension.
 *
 * <ul>
 *   <li>TEXMEX ({@code fvecs}, {@code ivecs}, {@code bvecs}): records of {@code int32 dimension}
 *       followed by {@code dimension} components; every record repeats the dimension.
 *   <li>big-ann-benchmarks ({@code fbin}, {@code u8bin}, {@code i8bin}, {@code ibin}): a header
 *       {@code int32 count, int32 dimension}, then {@code count x dimension} components.
 * </ul>
 */
public enum VectorFileFormat {
  FVECS("fvecs", ElementType.FLOAT32, false),
  IVECS("ivecs", ElementType.INT32, false),
  BVECS("bvecs", ElementType.UINT8, false),
  FBIN("fbin", ElementType.FLOAT32, true),
  U8BIN("u8bin", ElementType.UINT8, true),
  I8BIN("i8bin", ElementType.INT8, true),
  IBIN("ibin", ElementType.INT32, true);

  /** Largest dimension we accept in a header: anything larger is a corrupt or foreign file. */
  public static final int MAX_DIMENSION = 1 << 16;

  /** Bytes of the big-ann header: count and dimension as int32. */
  public static final int BIN_HEADER_BYTES = 8;

  public final String extension;
  public final ElementType elementType;

  /** True for the big-ann layout (one header), false for TEXMEX (dimension before every record). */
  public final boolean hasGlobalHeader;

  VectorFileFormat(String extension, ElementType elementType, boolean hasGlobalHeader) {
    this.extension = extension;
    this.elementType = elementType;
    this.hasGlobalHeader = hasGlobalHeader;
  }

  /** Bytes one record of this dimension takes, including the TEXMEX per-record dimension. */
  public long recordBytes(int dimension) {
    return (hasGlobalHeader ? 0 : Integer.BYTES) + (long) dimension * elementType.bytes;
  }

  /** Byte offset of record {@code ord}'s first component. */
  public long componentOffset(long ord, int dimension) {
    return hasGlobalHeader
        ? BIN_HEADER_BYTES + ord * recordBytes(dimension)
        : ord * recordBytes(dimension) + Integer.BYTES;
  }

  /** The format a file's extension names. */
  public static VectorFileFormat of(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return fromExtension(extension, path.toString());
  }

  /** The format with this extension (or name, any case). */
  public static VectorFileFormat fromExtension(String extension, String what) {
    for (VectorFileFormat f : values()) {
      if (f.extension.equalsIgnoreCase(extension)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s: unknown vector file format '%s'; expected one of %s",
            what,
            extension,
            Arrays.stream(values()).map(f -> f.extension).collect(Collectors.joining(", "))));
  }
}
