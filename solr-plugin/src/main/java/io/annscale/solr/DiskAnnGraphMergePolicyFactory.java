package io.annscale.solr;

import org.apache.solr.core.SolrResourceLoader;
import org.apache.solr.index.MergePolicyFactoryArgs;
import org.apache.solr.schema.IndexSchema;

/**
 * The name {@link GraphMergePolicyFactory} had when only DiskANN flushed without graphs; kept so
 * that an existing {@code solrconfig.xml} naming it still loads.
 *
 * @deprecated name {@link GraphMergePolicyFactory} instead
 */
@Deprecated
public final class DiskAnnGraphMergePolicyFactory extends GraphMergePolicyFactory {
  public DiskAnnGraphMergePolicyFactory(
      SolrResourceLoader resourceLoader, MergePolicyFactoryArgs args, IndexSchema schema) {
    super(resourceLoader, args, schema);
  }
}
