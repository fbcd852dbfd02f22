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
 * k-NN queries to a collection, shaped like the embedded benchmark's: the fanout is the search-list
 * size (DiskANN's {@code searchList}; PQ8-HNSW's collection-wide {@code topK}, of which the first k
 * rows are kept). The annscale formats are asked through {@code {!annknn}}; Lucene HNSW, the
 * baseline, through stock Solr's {@code {!knn f=vector topK=fanout}} on its {@code
 * DenseVectorField}, as a Solr user asks it (topK per shard, the first k rows of the merged
 * answer). Sent as POST, so long vectors never meet a URL limit.
 */
public final class SolrQueries {
  /**
   * The integer field every benchmark document carries for filtered searches: its ordinal mod 100,
   * so a filter {@code bucket_i:[0 TO p-1]} keeps p% of the documents, spread over the whole
   * collection (the configsets index {@code *_i} fields).
   */
  public static final String BUCKET_FIELD = "bucket_i";

  /** Percentage of documents with no filter. */
  public static final int UNFILTERED = 100;

  /** The bucket of the document of base ordinal {@code ordinal}. */
  public static int bucket(long ordinal) {
    return (int) (ordinal % 100);
  }

  /** Whether a filter keeping {@code percent}% of the documents keeps that of {@code ordinal}. */
  public static boolean kept(long ordinal, int percent) {
    return bucket(ordinal) < percent;
  }

  /** The filter query keeping {@code percent}% of the documents, 1..99. */
  public static String filter(int percent) {
    return BUCKET_FIELD + ":[0 TO " + (percent - 1) + "]";
  }

  private final CloudSolrClient client;
  private final String collection;
  private final VectorFormatChoice format;
  private final int queryOversample;

  public SolrQueries(
      CloudSolrClient client, String collection, VectorFormatChoice format, int queryOversample) {
    this.client = client;
    this.collection = collection;
    this.format = format;
    this.queryOversample = format.isProductQuantized() ? queryOversample : 0;
  }

  /** The query parser prefix of one search, e.g. {@code {!knn f=vector topK=40}}. */
  String parser(int fanout, int k) {
    return switch (format) {
      case LUCENE_HNSW -> "{!knn f=vector topK=" + fanout + "}";
      case DISKANN -> "{!annknn f=vector topK=" + k + " searchList=" + fanout + "}";
      default ->
          "{!annknn f=vector topK="
              + fanout
              + (queryOversample > 0 ? " oversample=" + queryOversample : "")
              + "}";
    };
  }

  /** The ids (base ordinals) of the best {@code k}, best first. */
  public int[] search(float[] vector, int fanout, int k) throws IOException, SolrServerException {
    return search(vector, fanout, k, UNFILTERED);
  }

  /**
   * The ids of the best {@code k} among the documents a filter keeping {@code percent}% of them
   * accepts ({@link #filter}, an {@code fq}: both parsers take it as a pre-filter), best first.
   */
  public int[] search(float[] vector, int fanout, int k, int percent)
      throws IOException, SolrServerException {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", parser(fanout, k) + Arrays.toString(vector));
    params.set("rows", k);
    params.set("fl", "id");
    if (percent != UNFILTERED) {
      params.set("fq", filter(percent));
    }
    return ids(new QueryRequest(params, SolrRequest.METHOD.POST).process(client, collection));
  }

  /**
   * The trivial query a Solr request costs at least: one document by id ({@code q=id:<id>}, {@code
   * rows=10}), through the same handler and distributed phases as a vector search.
   */
  public int[] lookup(int id) throws IOException, SolrServerException {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "id:" + id);
    params.set("rows", 10);
    params.set("fl", "id");
    return ids(new QueryRequest(params, SolrRequest.METHOD.POST).process(client, collection));
  }

  private static int[] ids(org.apache.solr.client.solrj.response.QueryResponse response) {
    SolrDocumentList hits = response.getResults();
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.parseInt((String) hits.get(i).getFieldValue("id"));
    }
    return ids;
  }

  /** Every query's ids, in order. */
  public int[][] searchAll(float[][] queries, int fanout, int k)
      throws IOException, SolrServerException {
    return searchAll(queries, fanout, k, UNFILTERED);
  }

  /** Every query's ids under a filter keeping {@code percent}% of the documents, in order. */
  public int[][] searchAll(float[][] queries, int fanout, int k, int percent)
      throws IOException, SolrServerException {
    int[][] results = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      results[q] = search(queries[q], fanout, k, percent);
    }
    return results;
  }
}
