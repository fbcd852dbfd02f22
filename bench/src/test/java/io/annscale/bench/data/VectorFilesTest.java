package io.annscale.bench.data;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class VectorFilesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final Random random = new Random(7);

  @Test
  public void everyFormatRoundTripsThroughStreamingAndMappedReads() throws IOException {
    for (VectorFileFormat format : VectorFileFormat.values()) {
      int dim = 1 + random.nextInt(40);
      int count = 1 + random.nextInt(300);
      float[] data = values(format.elementType, count * dim);
      Path file = tmp.getRoot().toPath().resolve("v." + format.extension);
      try (VectorFileWriter w = VectorFileWriter.create(file, dim)) {
        w.write(data, 0, count);
        w.commit();
      }
      assertEquals(
          format.recordBytes(dim) * count + (format.hasGlobalHeader ? 8 : 0), Files.size(file));
      VectorFileInfo info = VectorFileInfo.read(file);
      assertEquals(format, info.format());
      assertEquals(count, info.count());
      assertEquals(dim, info.dimension());

      float[] streamed = new float[count * dim];
      try (VectorFileReader r = VectorFileReader.open(file)) {
        int got = 0;
        float[] block = new float[7 * dim];
        int n;
        while ((n = r.read(block, 7)) > 0) {
          System.arraycopy(block, 0, streamed, got * dim, n * dim);
          got += n;
        }
        assertEquals(count, got);
      }
      assertArrayEquals(format.toString(), data, streamed, 0f);

      // Tiny chunks force records to be spread over many maps: no record may straddle two.
      for (long chunkBytes :
          new long[] {Long.MAX_VALUE, info.recordBytes(), 3 * info.recordBytes() + 1}) {
        try (MappedVectorFile mapped = MappedVectorFile.open(info, chunkBytes)) {
          for (int i = count - 1; i >= 0; i--) {
            float[] expected = java.util.Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
            assertArrayEquals(format + " ord " + i, expected, mapped.floats(i, null), 0f);
          }
          mapped.validate();
        }
      }
    }
  }

  @Test
  public void skipMovesToTheSameVectorAReadWouldReach() throws IOException {
    for (VectorFileFormat format : VectorFileFormat.values()) {
      int dim = 1 + random.nextInt(20);
      int count = 50 + random.nextInt(300);
      float[] data = values(format.elementType, count * dim);
      Path file = tmp.getRoot().toPath().resolve("skip." + format.extension);
      try (VectorFileWriter w = VectorFileWriter.create(file, dim)) {
        w.write(data, 0, count);
        w.commit();
      }
      int skip = random.nextInt(count);
      try (VectorFileReader r = VectorFileReader.open(file)) {
        float[] first = new float[dim];
        assertEquals(
            1, r.read(first, 1)); // a buffered read before the skip must not leak into what follows
        assertEquals(skip, r.skip(skip));
        assertEquals(1 + skip, r.position());
        float[] rest = new float[(count - 1 - skip) * dim];
        assertEquals(count - 1 - skip, r.read(rest, count));
        float[] expected = new float[rest.length];
        System.arraycopy(data, (1 + skip) * dim, expected, 0, expected.length);
        assertArrayEquals(format.toString(), expected, rest, 0f);
        assertEquals("skip past the end stops at the end", 0, r.skip(5));
      }
    }
  }

  @Test
  public void intRecordsRoundTrip() throws IOException {
    for (String ext : new String[] {"ivecs", "ibin"}) {
      Path file = tmp.getRoot().toPath().resolve("gt." + ext);
      int[][] rows = {{1, 2, 3}, {Integer.MAX_VALUE, -1, 0}};
      try (VectorFileWriter w = VectorFileWriter.create(file, 3)) {
        for (int[] row : rows) {
          w.writeInts(row);
        }
        w.commit();
      }
      try (MappedVectorFile mapped = MappedVectorFile.open(file);
          VectorFileReader reader = VectorFileReader.open(file)) {
        int[] streamed = new int[6];
        assertEquals(2, reader.readInts(streamed, 10));
        for (int i = 0; i < rows.length; i++) {
          assertArrayEquals(rows[i], mapped.ints(i, null));
          assertArrayEquals(rows[i], java.util.Arrays.copyOfRange(streamed, 3 * i, 3 * i + 3));
        }
      }
    }
  }

  @Test
  public void readerStopsAtLimit() throws IOException {
    Path file = write("l.fvecs", 4, 10);
    try (VectorFileReader r = VectorFileReader.open(VectorFileInfo.read(file), 3)) {
      assertEquals(3, r.size());
      assertEquals(3, r.read(new float[40], 10));
      assertEquals(0, r.read(new float[40], 10));
    }
  }

  @Test
  public void truncatedTexmexFileNamesFileAndRecord() throws IOException {
    Path file = write("t.fvecs", 8, 10);
    truncate(file, Files.size(file) - 5);
    VectorFileException e =
        assertThrows(VectorFileException.class, () -> VectorFileInfo.read(file));
    assertTrue(e.getMessage(), e.getMessage().startsWith(file + ": record 9: incomplete"));
  }

  @Test
  public void truncatedBinFileReportsHeaderAndSize() throws IOException {
    Path file = write("t.fbin", 8, 10);
    truncate(file, Files.size(file) - 4);
    VectorFileException e =
        assertThrows(VectorFileException.class, () -> VectorFileInfo.read(file));
    assertTrue(e.getMessage(), e.getMessage().contains("header says 10 vectors of dimension 8"));
    assertTrue(e.getMessage(), e.getMessage().endsWith("truncated"));
  }

  @Test
  public void inconsistentDimensionIsReportedAtItsRecord() throws IOException {
    Path file = write("d.fvecs", 4, 6);
    long recordBytes = 4 + 4 * 4;
    overwriteInt(file, 3 * recordBytes, 5); // record 3 claims 5 dimensions; the size still fits
    String expected = file + ": record 3: dimension 5 differs from the file's dimension 4";
    try (VectorFileReader r = VectorFileReader.open(file)) {
      VectorFileException e =
          assertThrows(VectorFileException.class, () -> r.read(new float[24], 6));
      assertEquals(expected, e.getMessage());
    }
    try (MappedVectorFile mapped = MappedVectorFile.open(file)) {
      assertEquals(
          expected, assertThrows(VectorFileException.class, mapped::validate).getMessage());
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> mapped.floats(3, null));
      assertEquals(expected, e.getCause().getMessage());
    }
  }

  @Test
  public void foreignOrEmptyFilesAreRejected() throws IOException {
    Path empty = tmp.newFile("e.fvecs").toPath();
    assertTrue(
        assertThrows(VectorFileException.class, () -> VectorFileInfo.read(empty))
            .getMessage()
            .contains("empty file"));
    Path text = tmp.getRoot().toPath().resolve("x.bvecs");
    Files.writeString(text, "hello world, not vectors\n");
    VectorFileException e =
        assertThrows(VectorFileException.class, () -> VectorFileInfo.read(text));
    assertTrue(e.getMessage(), e.getMessage().contains("dimension 1819043176 is out of range"));
    IllegalArgumentException ext =
        assertThrows(IllegalArgumentException.class, () -> VectorFileFormat.of(Path.of("a.csv")));
    assertTrue(
        ext.getMessage(),
        ext.getMessage().contains("unknown vector file format 'csv'; expected one of fvecs"));
  }

  @Test
  public void writerRejectsBadValuesAndLeavesNoFile() throws IOException {
    Path file = tmp.getRoot().toPath().resolve("bad.bvecs");
    try (VectorFileWriter w = VectorFileWriter.create(file, 2)) {
      w.write(new float[] {1, 2});
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> w.write(new float[] {3, 256}));
      assertEquals(
          file
              + ": record 1, component 1: value 256.0 is not a whole number in [0, 255] as bvecs requires",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> w.write(new float[] {Float.NaN, 1}));
      assertEquals(file + ": record 1, component 0: value NaN is not finite", e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> w.write(new float[] {1, 2, 3}));
      assertEquals(file + ": record 1 has 3 components, expected 2", e.getMessage());
      // no commit: the failure must not leave a file that looks complete
    }
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(file.resolveSibling("bad.bvecs.partial")));
  }

  private Path write(String name, int dim, int count) throws IOException {
    Path file = tmp.getRoot().toPath().resolve(name);
    try (VectorFileWriter w = VectorFileWriter.create(file, dim)) {
      w.write(values(ElementType.FLOAT32, dim * count), 0, count);
      w.commit();
    }
    return file;
  }

  private float[] values(ElementType type, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      switch (type) {
        case FLOAT32:
          v[i] = (float) random.nextGaussian();
          break;
        case INT32:
          v[i] = random.nextInt(1 << 24) - (1 << 23);
          break;
        case UINT8:
          v[i] = random.nextInt(256);
          break;
        case INT8:
          v[i] = random.nextInt(256) - 128;
          break;
      }
    }
    return v;
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void overwriteInt(Path file, long position, int value) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).flip(), position);
    }
  }
}
