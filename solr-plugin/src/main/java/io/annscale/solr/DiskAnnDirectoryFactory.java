package io.annscale.solr;

import io.annscale.diskann.DiskAnnReadSettings;
import io.annscale.diskann.DiskAnnServingDirectory;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockFactory;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.NRTCachingDirectoryFactory;

/**
 * Solr's directory for cores that serve DiskANN fields: how this node reads their node blocks and
 * how much of them it keeps in its hot-node cache ({@link DiskAnnReadSettings}), set per core in
 * {@code solrconfig.xml}, as the machine that serves a collection decides them:
 *
 * <pre>{@code
 * <directoryFactory name="DirectoryFactory" class="io.annscale.solr.DiskAnnDirectoryFactory">
 *   <str name="diskAnnIo">direct</str>               <!-- mmap (default) or direct (O_DIRECT) -->
 *   <str name="diskAnnCacheMegabytes">256</str>      <!-- per field and segment; -1: the segment's -->
 * </directoryFactory>
 * }</pre>
 *
 * <p>With {@code mmap} it is Solr's {@link NRTCachingDirectoryFactory} (new small segments kept in
 * memory until they are merged or committed); with {@code direct} the index is a plain file-system
 * directory, because direct I/O reads files on disk and a segment still held in memory has none. A
 * bad value fails core loading, naming the argument and the value.
 */
public class DiskAnnDirectoryFactory extends NRTCachingDirectoryFactory {
  public static final String IO = "diskAnnIo";
  public static final String CACHE_MEGABYTES = "diskAnnCacheMegabytes";

  private DiskAnnReadSettings settings = DiskAnnReadSettings.DEFAULT;

  @Override
  public void init(NamedList<?> args) {
    Object io = args.remove(IO);
    Object cache = args.remove(CACHE_MEGABYTES);
    super.init(args);
    try {
      boolean direct = io != null && DiskAnnReadSettings.parseIo(IO, io.toString());
      long cacheBytes =
          cache == null || cache.toString().trim().equals("-1")
              ? DiskAnnReadSettings.SEGMENT_CACHE
              : DiskAnnReadSettings.parseMib(CACHE_MEGABYTES, cache.toString());
      settings = new DiskAnnReadSettings(direct, cacheBytes);
    } catch (IllegalArgumentException e) {
      throw new SolrException(
          SolrException.ErrorCode.SERVER_ERROR,
          getClass().getSimpleName() + ": " + e.getMessage() + " (-1 for each segment's cache)");
    }
  }

  /** The settings this factory's directories carry. */
  public DiskAnnReadSettings settings() {
    return settings;
  }

  @Override
  protected Directory create(String path, LockFactory lockFactory, DirContext dirContext)
      throws IOException {
    Directory base =
        settings.directIo()
            ? FSDirectory.open(Path.of(path), lockFactory)
            : super.create(path, lockFactory, dirContext);
    return new DiskAnnServingDirectory(base, settings);
  }
}
