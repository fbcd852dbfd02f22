package io.annscale.solr;

import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QParserPlugin;

/**
 * Registers {@link AnnscaleKnnQParser}, {@code {!annknn}}, in {@code solrconfig.xml}:
 *
 * <pre>{@code <queryParser name="annknn" class="io.annscale.solr.AnnscaleKnnQParserPlugin"/>}</pre>
 *
 * <p>For a collection-wide top K also register {@link GlobalTopKComponent} as a first component of
 * the search handler; without it {@code topK} applies per shard, as with Solr's {@code {!knn}}.
 */
public class AnnscaleKnnQParserPlugin extends QParserPlugin {
  public static final String NAME = "annknn";

  @Override
  public QParser createParser(
      String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    return new AnnscaleKnnQParser(qstr, localParams, params, req);
  }
}
