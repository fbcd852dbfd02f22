package io.annscale.diskann;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;

/**
 * The node file opened with {@code O_DIRECT}: reads bypass the page cache, so a benchmark sees the device's
 * latency on every sector, as a data set far larger than RAM would. Reads are whole sector-aligned sectors into
 * sector-aligned buffers, as direct I/O requires; the node regions are sector-aligned in the file by design.
 *
 * <p>Chosen with {@link DiskAnnIo}. Only for a node file that exists on a file system ({@link FSDirectory}, not
 * inside a compound file); otherwise reads go through the {@code Directory}.
 */
final class DirectIoNodeBlocks implements Closeable {
  private final FileChannel channel;
  private final String path;
  /** Aligned direct buffers are costly to allocate and freed only by GC: queries reuse them. */
  private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

  private DirectIoNodeBlocks(FileChannel channel, String path) {
    this.channel = channel;
    this.path = path;
  }

  /**
   * Opens {@code fileName} for direct I/O, or returns null when the directory or its file system cannot provide it
   * (not a file-system directory, a compound file, tmpfs): searches then read through the {@code Directory}, and
   * {@link DiskAnnSearchStats#directReads()} stays 0, which is how a benchmark tells.
   */
  static DirectIoNodeBlocks open(Directory directory, String fileName) throws IOException {
    if (!(FilterDirectory.unwrap(directory) instanceof FSDirectory fs)) {
      return null;
    }
    Path path = fs.getDirectory().resolve(fileName);
    if (!Files.isRegularFile(path) || Files.getFileStore(path).getBlockSize() > NodeBlockLayout.SECTOR_BYTES) {
      return null;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
    return new DirectIoNodeBlocks(channel, path.toString());
  }

  /** A reader for one query of {@code entry}'s field; its buffer returns to the pool when it is closed. */
  NodeBlockReader reader(DiskAnnFieldEntry entry) {
    NodeBlockLayout layout = entry.layout();
    int readBytes = layout.sectorsPerNode() * NodeBlockLayout.SECTOR_BYTES;
    ByteBuffer pooled = buffers.poll();
    ByteBuffer buffer =
        pooled != null && pooled.capacity() >= readBytes
            ? pooled
            : ByteBuffer.allocateDirect(readBytes + NodeBlockLayout.SECTOR_BYTES)
                .alignedSlice(NodeBlockLayout.SECTOR_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
    return new NodeBlockReader() {
      private long sector = -1;
      private int ord = -1;

      @Override
      public void readSector(long sector) throws IOException {
        long start = entry.nodesOffset() + sector * NodeBlockLayout.SECTOR_BYTES;
        buffer.clear().limit(readBytes);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, start + buffer.position()) < 0) {
            throw new CorruptIndexException(
                "sector " + sector + ": file ends at " + (start + buffer.position()), path);
          }
        }
        this.sector = sector;
      }

      @Override
      public int block(int slot, float[] floatVector, byte[] byteVector, int[] neighbours) throws IOException {
        assert sector >= 0 : "no sector read";
        int at = slot * layout.blockBytes();
        int position = layout.firstPosition(sector) + slot;
        buffer.limit(readBytes).position(at);
        if (floatVector != null) {
          buffer.asFloatBuffer().get(floatVector);
        } else {
          buffer.get(byteVector);
        }
        buffer.position(at + layout.vectorBytes());
        ord = HotNodeCache.checkOrd(buffer.getInt(), position, entry, path);
        int degree = HotNodeCache.checkDegree(buffer.getInt(), position, entry, path);
        buffer.asIntBuffer().get(neighbours, 0, degree);
        return degree;
      }

      @Override
      public int ord() {
        return ord;
      }

      @Override
      public void close() {
        buffers.offer(buffer);
      }
    };
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
