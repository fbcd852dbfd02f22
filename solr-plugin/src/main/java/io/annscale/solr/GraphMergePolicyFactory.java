package io.annscale.solr;

import io.annscale.codec.GraphMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.solr.core.SolrResourceLoader;
import org.apache.solr.index.MergePolicyFactoryArgs;
import org.apache.solr.index.WrapperMergePolicyFactory;
import org.apache.solr.schema.IndexSchema;

/**
 * Solr's side of {@link GraphMergePolicy}: wraps the collection's merge policy (Solr's {@code
 * TieredMergePolicy} unless {@code wrapped.prefix} names another) so that flushed PQ-HNSW and
 * DiskANN segments, which have no graph, are merged on merge threads into segments that have one.
 * In {@code solrconfig.xml}'s {@code <indexConfig>}:
 *
 * <pre>{@code
 * <mergePolicyFactory class="io.annscale.solr.GraphMergePolicyFactory"/>
 * }</pre>
 */
public class GraphMergePolicyFactory extends WrapperMergePolicyFactory {
  public GraphMergePolicyFactory(
      SolrResourceLoader resourceLoader, MergePolicyFactoryArgs args, IndexSchema schema) {
    super(resourceLoader, args, schema);
  }

  @Override
  protected final MergePolicy getMergePolicyInstance(MergePolicy wrapped) {
    return new GraphMergePolicy(wrapped);
  }
}
