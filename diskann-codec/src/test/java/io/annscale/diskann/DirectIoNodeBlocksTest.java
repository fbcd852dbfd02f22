package io.annscale.diskann;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;

/**
 * A round's sectors fetched together: each read once, then served from the round's buffers, decoded
 * exactly.
 */
public class DirectIoNodeBlocksTest extends LuceneTestCase {
  private static final int DIMENSION = 4;
  private static final int MAX_DEGREE = 2;
  private static final int SIZE = 1000;

  /** The node region starts one sector into the file, as fields after the first do. */
  private static final long NODES_OFFSET = NodeBlockLayout.SECTOR_BYTES;

  public void testPrefetchReadsEachSectorOnceAndDecodesEveryBlock() throws IOException {
    DiskAnnFieldEntry entry =
        new DiskAnnFieldEntry(
            0,
            VectorEncoding.FLOAT32,
            VectorSimilarityFunction.EUCLIDEAN,
            DIMENSION,
            SIZE,
            MAX_DEGREE,
            10,
            1.2f,
            10,
            4,
            0,
            0,
            NODES_OFFSET,
            0,
            0,
            true,
            null,
            null);
    NodeBlockLayout layout = entry.layout();
    Path dir = createTempDir("direct");
    Files.write(dir.resolve("nodes"), nodeFile(layout));
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectIoNodeBlocks blocks = openOrSayWhyNot(directory)) {
      assumeTrue("the temporary directory's file system has no O_DIRECT", blocks != null);
      try (NodeBlockReader reader = blocks.reader(entry)) {
        reader.prefetch(new long[] {3, 7, 3, 1}, 4);
        assertEquals("3 distinct sectors", 3, reader.deviceReads());
        for (long sector : new long[] {7, 1, 3}) {
          reader.readSector(sector);
          assertSector(reader, layout, sector);
        }
        assertEquals("prefetched sectors are not read again", 3, reader.deviceReads());
        reader.readSector(5);
        assertSector(reader, layout, 5);
        assertEquals(4, reader.deviceReads());
        // the next round replaces the buffers' contents
        reader.prefetch(new long[] {0, 6}, 2);
        reader.readSector(0);
        assertSector(reader, layout, 0);
        reader.readSector(6);
        assertSector(reader, layout, 6);
        assertEquals(6, reader.deviceReads());
      }
    }
  }

  /** The file opened for direct I/O, or null where the file system refuses it, as it says. */
  private static DirectIoNodeBlocks openOrSayWhyNot(FSDirectory directory) {
    try {
      return DirectIoNodeBlocks.open(directory, "nodes", false);
    } catch (IOException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("refuses O_DIRECT"));
      return null;
    }
  }

  public void testDirectIoWhereItCannotBeHadFailsNamingTheCause() throws IOException {
    try (Directory memory = new ByteBuffersDirectory()) {
      IOException e =
          expectThrows(IOException.class, () -> DirectIoNodeBlocks.open(memory, "_0.dan", false));
      assertTrue(e.getMessage(), e.getMessage().contains("needs a file-system directory"));
      assertTrue(e.getMessage(), e.getMessage().contains("_0.dan"));
    }
    try (FSDirectory directory = FSDirectory.open(createTempDir("compound"))) {
      IOException e =
          expectThrows(IOException.class, () -> DirectIoNodeBlocks.open(directory, "_1.dan", true));
      assertTrue(e.getMessage(), e.getMessage().contains("compound file"));
      assertTrue(e.getMessage(), e.getMessage().contains("useCompoundFile=false"));
    }
  }

  private static void assertSector(NodeBlockReader reader, NodeBlockLayout layout, long sector)
      throws IOException {
    float[] vector = new float[DIMENSION];
    int[] neighbours = new int[MAX_DEGREE];
    int first = layout.firstPosition(sector);
    for (int slot = 0; slot < layout.nodesPerSector() && first + slot < SIZE; slot++) {
      int position = first + slot;
      int degree = reader.block(slot, vector, null, neighbours);
      assertEquals(position, reader.ord());
      assertEquals(MAX_DEGREE, degree);
      assertEquals(position, vector[0], 0f);
      assertEquals(-position, vector[DIMENSION - 1], 0f);
      assertEquals((position + 1) % SIZE, neighbours[0]);
      assertEquals((position + 2) % SIZE, neighbours[1]);
    }
  }

  /**
   * Block at position p: vector (p, 0, .., -p), ordinal p, degree 2, neighbours p + 1 and p + 2.
   */
  private static byte[] nodeFile(NodeBlockLayout layout) {
    ByteBuffer file =
        ByteBuffer.allocate((int) (NODES_OFFSET + layout.regionBytes(SIZE)))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int p = 0; p < SIZE; p++) {
      file.position((int) (NODES_OFFSET + layout.offset(p)));
      file.putFloat(p);
      for (int t = 1; t < DIMENSION - 1; t++) {
        file.putFloat(0);
      }
      file.putFloat(-p).putInt(p).putInt(MAX_DEGREE).putInt((p + 1) % SIZE).putInt((p + 2) % SIZE);
    }
    return file.array();
  }
}
