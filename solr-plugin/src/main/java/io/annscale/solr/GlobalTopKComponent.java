package io.annscale.solr;

import java.util.ArrayList;
import java.util.List;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.SearchComponent;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;

/**
 * Makes {@code {!annknn topK=K}} return the collection's top K rather than K per shard (Solr's
 * {@code {!knn}}: numFound = shards x K). Before the main query, the coordinating node asks every
 * shard for its best K (unique key and score only, the request's filters applied), keeps the best K
 * of all, and passes them to the shards in {@value GlobalHits#PARAM}; the shards then answer the
 * main query with exactly those documents and scores, so numFound, paging, facets and stats all see
 * K documents. Costs one extra round trip; the graph is searched once per shard.
 *
 * <p>Register as a first component of the search handler:
 *
 * <pre>{@code
 * <searchComponent name="annscaleGlobalTopK" class="io.annscale.solr.GlobalTopKComponent"/>
 * <requestHandler name="/select" class="solr.SearchHandler">
 *   <arr name="first-components"><str>annscaleGlobalTopK</str></arr>
 * </requestHandler>
 * }</pre>
 */
public class GlobalTopKComponent extends SearchComponent {
  /** Marks our shard request, so we only read our own responses. */
  private static final String MARKER = "annknn.globalTopK";

  @Override
  public void prepare(ResponseBuilder rb) {}

  @Override
  public void process(ResponseBuilder rb) {}

  @Override
  public int distributedProcess(ResponseBuilder rb) {
    if (rb.stage != ResponseBuilder.STAGE_START || globalQuery(rb) == null) {
      return ResponseBuilder.STAGE_DONE;
    }
    AnnscaleKnnQParser parser = globalQuery(rb);
    ShardRequest request = new ShardRequest();
    request.purpose = ShardRequest.PURPOSE_PRIVATE;
    ModifiableSolrParams params = new ModifiableSolrParams(rb.req.getParams());
    for (String off :
        new String[] {
          "facet",
          "stats",
          "hl",
          "debug",
          "debugQuery",
          "group",
          "spellcheck",
          "terms",
          "mlt",
          "expand",
          "json.facet",
          "cursorMark",
          "sort"
        }) {
      params.remove(off);
    }
    params.set(CommonParams.START, 0);
    params.set(CommonParams.ROWS, parser.topK());
    params.set(CommonParams.FL, rb.req.getSchema().getUniqueKeyField().getName() + ",score");
    params.set(MARKER, true);
    request.params = params;
    rb.addRequest(this, request);
    return ResponseBuilder.STAGE_PARSE_QUERY;
  }

  @Override
  public void handleResponses(ResponseBuilder rb, ShardRequest request) {
    if (!request.params.getBool(MARKER, false)) {
      return;
    }
    AnnscaleKnnQParser parser = globalQuery(rb);
    String uniqueKey = rb.req.getSchema().getUniqueKeyField().getName();
    List<GlobalHits.Hit> shardHits = new ArrayList<>();
    for (ShardResponse response : request.responses) {
      if (response.getException() != null || response.getSolrResponse() == null) {
        continue; // shards.tolerant: a failed shard contributes nothing, as in Solr's own merge
      }
      SolrDocumentList docs =
          (SolrDocumentList) response.getSolrResponse().getResponse().get("response");
      if (docs == null) {
        continue;
      }
      for (SolrDocument doc : docs) {
        Object score = doc.getFirstValue("score");
        shardHits.add(
            new GlobalHits.Hit(
                String.valueOf(doc.getFirstValue(uniqueKey)), ((Number) score).floatValue()));
      }
    }
    GlobalHits best = GlobalHits.best(shardHits, parser.topK());
    ModifiableSolrParams params = new ModifiableSolrParams(rb.req.getParams());
    params.set(GlobalHits.PARAM, best.encode(parser.fingerprint()));
    rb.req.setParams(params);
  }

  /**
   * The main query's {@code {!annknn}} parser when it asks for a global top K on more than one
   * shard, else null.
   */
  private static AnnscaleKnnQParser globalQuery(ResponseBuilder rb) {
    if (!rb.isDistributed() || rb.shards == null || rb.shards.length < 2) {
      return null;
    }
    return rb.getQparser() instanceof AnnscaleKnnQParser parser && parser.wantsGlobalTopK()
        ? parser
        : null;
  }

  @Override
  public String getDescription() {
    return "annscale: collection-wide top K for {!annknn}";
  }
}
