package io.annscale.bench.solr;

import io.annscale.bench.run.VectorFormatChoice;
import java.io.IOException;
import java.util.Arrays;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * k-NN queries to a collection through {@code {!annknn}}, shaped like the embedded benchmark's: the
 * fanout is the search-list size (DiskANN's {@code searchList}; for HNSW formats the
 * collection-wide {@code topK}, of which the first k rows are kept). Sent as POST, so long vectors
 * never meet a URL limit.
 */
public final class SolrQueries {
  private final CloudSolrClient client;
  private final String collection;
  private final boolean diskAnn;
  private final int queryOversample;

  public SolrQueries(
      CloudSolrClient client, String collection, VectorFormatChoice format, int queryOversample) {
    this.client = client;
    this.collection = collection;
    this.diskAnn = format == VectorFormatChoice.DISKANN;
    this.queryOversample = format.isProductQuantized() ? queryOversample : 0;
  }

  /** The ids (base ordinals) of the best {@code k}, best first. */
  public int[] search(float[] vector, int fanout, int k) throws IOException, SolrServerException {
    String parser =
        diskAnn
            ? "{!annknn f=vector topK=" + k + " searchList=" + fanout + "}"
            : "{!annknn f=vector topK="
                + fanout
                + (queryOversample > 0 ? " oversample=" + queryOversample : "")
                + "}";
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", parser + Arrays.toString(vector));
    params.set("rows", k);
    params.set("fl", "id");
    QueryRequest request = new QueryRequest(params, SolrRequest.METHOD.POST);
    SolrDocumentList hits = request.process(client, collection).getResults();
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.parseInt((String) hits.get(i).getFieldValue("id"));
    }
    return ids;
  }

  /** Every query's ids, in order. */
  public int[][] searchAll(float[][] queries, int fanout, int k)
      throws IOException, SolrServerException {
    int[][] results = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      results[q] = search(queries[q], fanout, k);
    }
    return results;
  }
}
