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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The node file opened with {@code O_DIRECT}: reads bypass the page cache, so a benchmark sees the
 * device's latency on every sector, as a data set far larger than RAM would. Reads are whole
 * sector-aligned sectors into sector-aligned buffers, as direct I/O requires; the node regions are
 * sector-aligned in the file by design.
 *
 * <p>As with Lucene's {@code NIOFSDirectory}, a search whose thread is interrupted while it reads
 * closes the channel, and later direct reads of the segment fail until it is reopened. Each open
 * file has its own pool of read threads: they block in the kernel, not on cores, and an idle one
 * ends after a minute.
 *
 * <p>Chosen with {@link DiskAnnReadSettings#directIo}. Only for a node file that exists on a file
 * system ({@link FSDirectory}, not inside a compound file) that grants {@code O_DIRECT}; elsewhere
 * opening the segment fails, saying why.
 */
final class DirectIoNodeBlocks implements Closeable {
  private final FileChannel channel;
  private final String path;

  /** Aligned direct buffers are costly to allocate and freed only by GC: queries reuse them. */
  private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

  /**
   * Threads that wait on a round's reads; they block in the kernel, so their number is not bounded
   * by cores.
   */
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "diskann-direct-read");
            thread.setDaemon(true);
            return thread;
          });

  private DirectIoNodeBlocks(FileChannel channel, String path) {
    this.channel = channel;
    this.path = path;
  }

  /**
   * Opens {@code fileName} for direct I/O. Where it cannot be had (not a file-system directory, a
   * compound-file segment, a file system without {@code O_DIRECT} such as tmpfs, or one whose
   * blocks are larger than a sector) this fails, naming the file, the directory and the cause, as
   * lucene-misc's {@code DirectIODirectory} does: direct I/O is asked for to measure or serve past
   * the page cache, and quietly reading through it would give the wrong answer to that question.
   *
   * @param compound whether the segment is a compound file
   */
  static DirectIoNodeBlocks open(Directory directory, String fileName, boolean compound)
      throws IOException {
    String asked = "direct I/O (DiskAnnReadSettings.directIo) for " + fileName + " in " + directory;
    if (compound) {
      throw new IOException(
          asked
              + ": the segment is a compound file; write with useCompoundFile=false and a merge policy whose noCFSRatio is 0,"
              + " or read it memory-mapped");
    }
    if (!(FilterDirectory.unwrap(directory) instanceof FSDirectory fs)) {
      throw new IOException(
          asked
              + ": needs a file-system directory (FSDirectory); the index is in "
              + FilterDirectory.unwrap(directory));
    }
    Path path = fs.getDirectory().resolve(fileName);
    long blockSize = Files.getFileStore(path).getBlockSize();
    if (blockSize > NodeBlockLayout.SECTOR_BYTES) {
      throw new IOException(
          asked
              + ": the file system of "
              + fs.getDirectory()
              + " has "
              + blockSize
              + "-byte blocks, larger than the "
              + NodeBlockLayout.SECTOR_BYTES
              + "-byte sectors node blocks are aligned to");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      throw new IOException(
          asked
              + ": the file system of "
              + fs.getDirectory()
              + " refuses O_DIRECT ("
              + e
              + "; tmpfs has none); read it memory-mapped",
          e);
    }
    return new DirectIoNodeBlocks(channel, path.toString());
  }

  /**
   * A reader for one query of {@code entry}'s field; its buffers return to the pool when it is
   * closed.
   */
  NodeBlockReader reader(DiskAnnFieldEntry entry) {
    return new DirectReader(entry);
  }

  /**
   * Reads the sector's {@code bytes} at the field's region into {@code buffer}, whole, as direct
   * I/O requires.
   */
  private void read(DiskAnnFieldEntry entry, long sector, ByteBuffer buffer, int bytes)
      throws IOException {
    long start = entry.nodesOffset() + sector * NodeBlockLayout.SECTOR_BYTES;
    buffer.clear().limit(bytes);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, start + buffer.position()) < 0) {
        throw new CorruptIndexException(
            "sector " + sector + ": file ends at " + (start + buffer.position()), path);
      }
    }
  }

  /**
   * One query's reads. A round's sectors are fetched together ({@link #prefetch}): all but one
   * handed to the pool's threads, the last read by the query's own thread, so the device sees them
   * at once, as DiskANN's asynchronous reads do; the round then costs about one device latency
   * instead of W.
   */
  private final class DirectReader implements NodeBlockReader {
    private final DiskAnnFieldEntry entry;
    private final NodeBlockLayout layout;
    private final int readBytes;
    private final List<ByteBuffer> owned = new ArrayList<>();
    private final List<Future<?>> pending = new ArrayList<>();

    /**
     * The round's prefetched sectors and the buffers holding them; {@code aheadCount} of them
     * valid.
     */
    private long[] aheadSectors = new long[0];

    private ByteBuffer[] ahead = new ByteBuffer[0];
    private int aheadCount;

    /** For a sector asked for without a prefetch. */
    private ByteBuffer single;

    private ByteBuffer buffer;
    private long sector = -1;
    private int ord = -1;
    private long deviceReads;

    DirectReader(DiskAnnFieldEntry entry) {
      this.entry = entry;
      this.layout = entry.layout();
      this.readBytes = layout.sectorsPerNode() * NodeBlockLayout.SECTOR_BYTES;
    }

    private ByteBuffer acquire() {
      ByteBuffer pooled = buffers.poll();
      ByteBuffer acquired =
          pooled != null && pooled.capacity() >= readBytes
              ? pooled
              : ByteBuffer.allocateDirect(readBytes + NodeBlockLayout.SECTOR_BYTES)
                  .alignedSlice(NodeBlockLayout.SECTOR_BYTES)
                  .order(ByteOrder.LITTLE_ENDIAN);
      owned.add(acquired);
      return acquired;
    }

    @Override
    public void prefetch(long[] sectors, int count) throws IOException {
      if (ahead.length < count) {
        int had = ahead.length;
        ahead = Arrays.copyOf(ahead, count);
        aheadSectors = Arrays.copyOf(aheadSectors, count);
        for (int i = had; i < count; i++) {
          ahead[i] = acquire();
        }
      }
      aheadCount = 0;
      for (int i = 0; i < count; i++) {
        if (indexAhead(sectors[i]) < 0) {
          aheadSectors[aheadCount++] = sectors[i];
        }
      }
      pending.clear();
      Throwable failure = null;
      try {
        for (int i = 0; i < aheadCount - 1; i++) {
          long wanted = aheadSectors[i];
          ByteBuffer into = ahead[i];
          pending.add(
              pool.submit(
                  () -> {
                    read(entry, wanted, into, readBytes);
                    return null;
                  }));
        }
        read(entry, aheadSectors[aheadCount - 1], ahead[aheadCount - 1], readBytes);
      } catch (RejectedExecutionException e) {
        failure = new AlreadyClosedException("the segment's reader is closed: " + path, e);
      } catch (Throwable t) {
        failure = t;
      } finally {
        // every read finishes before this returns or throws: none may write into a buffer once it
        // is reused
        failure = awaitAll(pending, failure);
      }
      if (failure != null) {
        aheadCount = 0;
        throw IOUtils.rethrowAlways(failure);
      }
      deviceReads += aheadCount;
    }

    private static Throwable awaitAll(List<Future<?>> futures, Throwable failure) {
      boolean interrupted = false;
      for (Future<?> future : futures) {
        while (true) {
          try {
            future.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause();
            } else {
              failure.addSuppressed(e.getCause());
            }
            break;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return failure;
    }

    private int indexAhead(long wanted) {
      for (int i = 0; i < aheadCount; i++) {
        if (aheadSectors[i] == wanted) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public void readSector(long wanted) throws IOException {
      int i = indexAhead(wanted);
      if (i >= 0) {
        buffer = ahead[i];
      } else {
        single = single != null ? single : acquire();
        read(entry, wanted, single, readBytes);
        deviceReads++;
        buffer = single;
      }
      sector = wanted;
    }

    @Override
    public int block(int slot, float[] floatVector, byte[] byteVector, int[] neighbours)
        throws IOException {
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
    public long deviceReads() {
      return deviceReads;
    }

    @Override
    public void close() {
      buffers.addAll(owned);
    }
  }

  @Override
  public void close() throws IOException {
    // not shutdownNow: interrupting a thread in a FileChannel read closes the channel under the
    // others
    pool.shutdown();
    channel.close();
  }
}
