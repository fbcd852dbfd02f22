package io.annscale.diskann;

import java.io.IOException;

/**
 * Reads node blocks that the hot-node cache does not hold: one instance per query (not thread-safe), over either
 * the {@code Directory} (memory-mapped by default, so the page cache serves repeated reads) or a file opened for
 * direct I/O, which bypasses the page cache so every read goes to the device ({@link DirectIoNodeBlocks}).
 */
interface NodeBlockReader extends AutoCloseable {
  /**
   * Fills {@code floatVector} (FLOAT32 fields) or {@code byteVector} (BYTE fields) and {@code neighbours} with node
   * {@code ord}'s block; returns its degree.
   */
  int read(int ord, float[] floatVector, byte[] byteVector, int[] neighbours) throws IOException;

  /** Returns per-query resources (buffers); the reader is not used afterwards. */
  @Override
  default void close() {}
}
