package io.annscale.solr;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;

/**
 * Makes Lucene's SPI lookups see annscale's codec and vector formats when the plugin jar is loaded
 * by Solr from {@code <solr_home>/lib} rather than from the JVM's classpath. Segments name their
 * vector format ({@code AnnscalePqHnsw1}, {@code AnnscaleDiskAnn1}), and segments of earlier
 * versions or of embedded {@code AnnscaleCodec} their codec ({@code Annscale912}); Lucene resolves
 * those names through SPI loaders filled from the class loader that first loaded Lucene. Solr
 * reloads the codec loader with its library class loader but not the vector-format loader, so
 * without this every segment of ours fails to open ("An SPI class of type KnnVectorsFormat with
 * name 'AnnscaleDiskAnn1' does not exist"). Reloading only adds providers; it is cheap and
 * idempotent.
 */
final class LuceneSpiRegistration {
  private static volatile boolean done;

  private LuceneSpiRegistration() {}

  /**
   * Adds the providers visible to the plugin's class loader to Lucene's codec and vector-format
   * loaders.
   */
  static void ensureRegistered() {
    if (done) {
      return;
    }
    synchronized (LuceneSpiRegistration.class) {
      if (!done) {
        ClassLoader pluginLoader = LuceneSpiRegistration.class.getClassLoader();
        KnnVectorsFormat.reloadKnnVectorsFormat(pluginLoader);
        Codec.reloadCodecs(pluginLoader);
        done = true;
      }
    }
  }
}
