package io.annscale.solr;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Sort;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.SearchComponent;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;

/**
 * Makes {@code {!annknn topK=K}} return the collection's top K rather than K per shard (Solr's
 * {@code {!knn}}: numFound = shards x K).
 *
 * <p>In the common case (results ranked by score, nothing computed over the whole result set) it
 * costs no extra request: every shard answers with its own best K as Solr's distributed search asks
 * it, Solr merges them by score, and this component then keeps the first K of the merged ranking
 * (numFound = K, or fewer when the collection holds fewer). The collection's K best are always
 * among the shards' K best, so the answer is the collection's top K; with {@code fl} naming only
 * the unique key and score, Solr's one-pass distributed search makes that a single round trip.
 *
 * <p>When something needs the collection's K documents as a set before the main query runs (facets,
 * stats, grouping, JSON facets, collapse-expand, a cursor, a sort other than score, a rerank
 * query), the coordinating node first asks every shard for its best K (unique key and score only,
 * the request's filters applied), keeps the best K of all, and passes them to the shards in {@value
 * GlobalHits#PARAM}; the shards then answer the main query with exactly those documents and scores,
 * so numFound, paging, facets and stats all see K documents. That costs one extra round trip; the
 * graph is searched once per shard.
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

  /** Request context key: the K to cut the merged ranking at, for a query without a pre-pass. */
  private static final String CUT_AT = "annknn.globalTopK.cutAt";

  /** Request parameters whose feature sees the whole result set: they need the pre-pass. */
  private static final String[] NEEDS_THE_SET = {
    "facet",
    "stats",
    "group",
    "expand",
    "json.facet",
    "cursorMark",
    "rq",
    "shards.rows",
    "shards.start"
  };

  @Override
  public int distributedProcess(ResponseBuilder rb) {
    if (rb.stage != ResponseBuilder.STAGE_START || globalQuery(rb) == null) {
      return ResponseBuilder.STAGE_DONE;
    }
    AnnscaleKnnQParser parser = globalQuery(rb);
    if (!needsTheSet(rb)) {
      rb.req.getContext().put(CUT_AT, parser.topK());
      return ResponseBuilder.STAGE_DONE;
    }
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
   * After the shards' best K are merged by score, keeps ranks below K: numFound, the page and the
   * documents whose fields are fetched.
   */
  @Override
  public void finishStage(ResponseBuilder rb) {
    Object cutAt = rb.req.getContext().get(CUT_AT);
    if (rb.stage != ResponseBuilder.STAGE_EXECUTE_QUERY
        || !(cutAt instanceof Integer k)
        || rb.getResponseDocs() == null) {
      return;
    }
    SolrDocumentList docs = rb.getResponseDocs();
    // the page starts at rank `start`; entry i of it holds rank start + i
    int keep = (int) Math.max(0, Math.min(docs.size(), k - docs.getStart()));
    if (keep < docs.size()) {
      if (rb.resultIds != null) {
        rb.resultIds.values().removeIf(doc -> doc.positionInResponse >= keep);
      }
      docs.subList(keep, docs.size()).clear();
    }
    docs.setNumFound(Math.min(docs.getNumFound(), k));
  }

  /**
   * Whether the request computes something over its whole result set, so the shards must know the
   * collection's K before they run the main query.
   */
  private static boolean needsTheSet(ResponseBuilder rb) {
    // what the components' prepare parsed: facets, stats, grouping, expand, a cursor, a rerank
    // query
    if (rb.doFacets
        || rb.doStats
        || rb.doExpand
        || rb.grouping()
        || rb.getCursorMark() != null
        || rb.getRankQuery() != null) {
      return true;
    }
    // any sort but relevance alone, including one a component set (query elevation)
    Sort sort = rb.getSortSpec() == null ? null : rb.getSortSpec().getSort();
    if (sort != null && !Sort.RELEVANCE.equals(sort)) {
      return true;
    }
    SolrParams params = rb.req.getParams();
    for (String name : NEEDS_THE_SET) {
      String value = params.get(name);
      if (value != null) {
        return true;
      }
    }
    String[] filters = params.getParams(CommonParams.FQ);
    for (String filter : filters == null ? new String[0] : filters) {
      // a collapse post-filter picks group heads from the whole set
      if (filter != null && filter.trim().startsWith("{!collapse")) {
        return true;
      }
    }
    return false;
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
