package io.annscale.solr;

import java.io.Closeable;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.core.SolrCore;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@link AnnscaleCodecFactory} keeps Lucene's codec name: a core written through it without an
 * annscale field opens with Lucene alone (a class loader holding only lucene-core, so no plugin
 * class can be found), while a core with a PQ-HNSW field needs exactly that format, and nothing
 * else of ours.
 */
public class AnnscaleCodecNameTest extends SolrCloudTestCase {
  private static final int DOCS = 200;

  @BeforeClass
  public static void setupCluster() throws Exception {
    configureCluster(1)
        .addConfig("annscale-pq8", AnnscaleCloudKnnTest.annscaleConfigset("annscale-pq8"))
        .addConfig("annscale-stock-field", stockFieldConfigset())
        .configure();
  }

  /** annscale-pq8 (our codec factory) with Solr's own DenseVectorField as the vector type. */
  private static Path stockFieldConfigset() throws Exception {
    Path source = AnnscaleCloudKnnTest.annscaleConfigset("annscale-pq8");
    Path conf = createTempDir("annscale-stock-field").resolve("conf");
    Files.createDirectories(conf);
    Files.copy(source.resolve("solrconfig.xml"), conf.resolve("solrconfig.xml"));
    String schema = Files.readString(source.resolve("schema.xml"));
    String stock =
        schema
            .replace("io.annscale.solr.PqHnswVectorField", "solr.DenseVectorField")
            .replaceAll("\\s+pq\\w+=\"[^\"]*\"", "");
    assertNotEquals("the schema's PQ-HNSW field type was not found", schema, stock);
    Files.writeString(conf.resolve("schema.xml"), stock);
    assertTrue(Files.readString(conf.resolve("solrconfig.xml")).contains("AnnscaleCodecFactory"));
    return conf;
  }

  @Test
  public void segmentsKeepLucenesCodecNameAndNeedThePluginOnlyForItsFormats() throws Exception {
    for (String configset : List.of("annscale-stock-field", "annscale-pq8")) {
      String collection = configset.replace('-', '_') + "_codec";
      CollectionAdminRequest.createCollection(collection, configset, 1, 1)
          .process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection, 1, 1);
      Random random = new Random(3);
      List<SolrInputDocument> docs = new ArrayList<>();
      for (int i = 0; i < DOCS; i++) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.addField("id", Integer.toString(i));
        List<Float> vector = new ArrayList<>();
        for (int d = 0; d < 128; d++) {
          vector.add((float) random.nextGaussian());
        }
        doc.addField("vector", vector);
        docs.add(doc);
      }
      cluster.getSolrClient().add(collection, docs);
      cluster.getSolrClient().commit(collection);

      Path index = indexDir(collection);
      try (Directory directory = FSDirectory.open(index)) {
        SegmentInfos segments = SegmentInfos.readLatestCommit(directory);
        assertFalse(configset + ": no segment", segments.asList().isEmpty());
        for (SegmentCommitInfo segment : segments) {
          assertEquals(
              configset + " segment " + segment.info.name,
              new Lucene912Codec().getName(),
              segment.info.getCodec().getName());
        }
      }
      if (configset.equals("annscale-stock-field")) {
        assertEquals(DOCS, maxDocWithLuceneAlone(index));
      } else {
        InvocationTargetException e =
            expectThrows(InvocationTargetException.class, () -> maxDocWithLuceneAlone(index));
        String message = String.valueOf(e.getCause().getMessage());
        assertTrue(message, message.contains("AnnscalePqHnsw1"));
      }
    }
  }

  /** The index directory of the collection's one core. */
  private static Path indexDir(String collection) {
    for (JettySolrRunner jetty : cluster.getJettySolrRunners()) {
      for (SolrCore core : jetty.getCoreContainer().getCores()) {
        if (core.getCoreDescriptor().getCollectionName().equals(collection)) {
          return Path.of(core.getIndexDir());
        }
      }
    }
    throw new AssertionError("no core of " + collection);
  }

  /**
   * Opens the index with a class loader that holds lucene-core and nothing else (the JDK's platform
   * modules as its parent): Lucene's SPI then knows only its own codecs and formats.
   */
  private static int maxDocWithLuceneAlone(Path index) throws Exception {
    URL luceneCore = Codec.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader lucene =
        new URLClassLoader(new URL[] {luceneCore}, ClassLoader.getPlatformClassLoader())) {
      Class<?> fsDirectory = lucene.loadClass("org.apache.lucene.store.FSDirectory");
      Class<?> directoryClass = lucene.loadClass("org.apache.lucene.store.Directory");
      Class<?> directoryReader = lucene.loadClass("org.apache.lucene.index.DirectoryReader");
      Object directory = fsDirectory.getMethod("open", Path.class).invoke(null, index);
      try {
        Object reader = directoryReader.getMethod("open", directoryClass).invoke(null, directory);
        try {
          return (int) reader.getClass().getMethod("maxDoc").invoke(reader);
        } finally {
          ((Closeable) reader).close();
        }
      } finally {
        ((Closeable) directory).close();
      }
    }
  }
}
