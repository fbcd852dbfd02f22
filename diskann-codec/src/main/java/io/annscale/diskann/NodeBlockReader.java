package io.annscale.diskann;

import java.io.IOException;

/**
 * Reads the node sectors that the hot-node cache does not hold: one instance per query (not
 * thread-safe), over either the {@code Directory} (memory-mapped by default, so the page cache
 * serves repeated reads) or a file opened for direct I/O, which bypasses the page cache so every
 * read goes to the device ({@link DirectIoNodeBlocks}). A sector is read once; then any of its
 * blocks can be decoded.
 */
interface NodeBlockReader extends AutoCloseable {
  /**
   * Makes {@code sector} (of the field's node region) the current one: one device read for direct
   * I/O, none if the round's {@link #prefetch} brought it.
   */
  void readSector(long sector) throws IOException;

  /**
   * Fetches a round's {@code count} sectors at once, where the reader can overlap device reads
   * (direct I/O); a no-op through the {@code Directory}, whose page cache and read-ahead the OS
   * runs.
   */
  default void prefetch(long[] sectors, int count) throws IOException {}

  /** Reads that reached the device: 0 through the {@code Directory}. */
  default long deviceReads() {
    return 0;
  }

  /**
   * Decodes the block in slot {@code slot} of the current sector into {@code floatVector} (FLOAT32
   * fields) or {@code byteVector} (BYTE fields) and {@code neighbours} (positions); returns its
   * degree; {@link #ord()} then gives its ordinal.
   */
  int block(int slot, float[] floatVector, byte[] byteVector, int[] neighbours) throws IOException;

  /** The ordinal of the block decoded last. */
  int ord();

  /** Returns per-query resources (buffers); the reader is not used afterwards. */
  @Override
  default void close() {}
}
