package io.annscale.solr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.diskann.DiskAnnReadSettings;
import io.annscale.diskann.DiskAnnServingDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.DirectoryFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The DiskANN directory factory: its arguments become the read settings of every directory it makes
 * (which DiskANN readers take from the directory), direct I/O gets a plain file-system directory,
 * and a bad argument fails core loading by name.
 */
public class DiskAnnDirectoryFactoryTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void defaultsKeepSolrsNrtCachingAndEachSegmentsCache() throws Exception {
    DiskAnnDirectoryFactory factory = factory(new NamedList<>());
    try {
      assertEquals(DiskAnnReadSettings.DEFAULT, factory.settings());
      Directory directory = open(factory);
      assertEquals(DiskAnnReadSettings.DEFAULT, DiskAnnReadSettings.of(directory));
      assertTrue(
          directory.toString(),
          ((DiskAnnServingDirectory) directory).getDelegate() instanceof NRTCachingDirectory);
      factory.release(directory);
    } finally {
      factory.close();
    }
  }

  @Test
  public void directIoAndACacheBudgetReachTheDirectory() throws Exception {
    NamedList<Object> args = new NamedList<>();
    args.add(DiskAnnDirectoryFactory.IO, "direct");
    args.add(DiskAnnDirectoryFactory.CACHE_MEGABYTES, "0.5");
    DiskAnnDirectoryFactory factory = factory(args);
    try {
      Directory directory = open(factory);
      assertEquals(new DiskAnnReadSettings(true, 512 * 1024), DiskAnnReadSettings.of(directory));
      // direct I/O reads files on disk: no segment may wait in memory
      assertTrue(
          directory.toString(),
          ((DiskAnnServingDirectory) directory).getDelegate() instanceof FSDirectory);
      factory.release(directory);
    } finally {
      factory.close();
    }
  }

  @Test
  public void badArgumentsAreNamed() {
    for (String[] bad :
        new String[][] {
          {DiskAnnDirectoryFactory.IO, "o_direct"},
          {DiskAnnDirectoryFactory.CACHE_MEGABYTES, "lots"},
          {DiskAnnDirectoryFactory.CACHE_MEGABYTES, "-2"}
        }) {
      NamedList<Object> args = new NamedList<>();
      args.add(bad[0], bad[1]);
      SolrException e = assertThrows(SolrException.class, () -> factory(args));
      assertTrue(e.getMessage(), e.getMessage().contains(bad[0] + "=" + bad[1]));
      assertEquals(SolrException.ErrorCode.SERVER_ERROR.code, e.code());
    }
  }

  private static DiskAnnDirectoryFactory factory(NamedList<?> args) {
    DiskAnnDirectoryFactory factory = new DiskAnnDirectoryFactory();
    factory.init(args);
    return factory;
  }

  private Directory open(DiskAnnDirectoryFactory factory) throws Exception {
    return factory.get(
        tmp.newFolder().getAbsolutePath(), DirectoryFactory.DirContext.DEFAULT, "native");
  }
}
