package io.annscale.solr;

import io.annscale.diskann.DiskAnnGraphMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.solr.core.SolrResourceLoader;
import org.apache.solr.index.MergePolicyFactoryArgs;
import org.apache.solr.index.WrapperMergePolicyFactory;
import org.apache.solr.schema.IndexSchema;

/**
 * Solr's side of {@link DiskAnnGraphMergePolicy}: wraps the collection's merge policy (Solr's
 * {@code TieredMergePolicy} unless {@code wrapped.prefix} names another) so that a large flushed
 * DiskANN segment is merged on its own, on a merge thread, to get its graph. In {@code
 * solrconfig.xml}'s {@code <indexConfig>}:
 *
 * <pre>{@code
 * <mergePolicyFactory class="io.annscale.solr.DiskAnnGraphMergePolicyFactory"/>
 * }</pre>
 */
public final class DiskAnnGraphMergePolicyFactory extends WrapperMergePolicyFactory {
  public DiskAnnGraphMergePolicyFactory(
      SolrResourceLoader resourceLoader, MergePolicyFactoryArgs args, IndexSchema schema) {
    super(resourceLoader, args, schema);
  }

  @Override
  protected MergePolicy getMergePolicyInstance(MergePolicy wrapped) {
    return new DiskAnnGraphMergePolicy(wrapped);
  }
}
