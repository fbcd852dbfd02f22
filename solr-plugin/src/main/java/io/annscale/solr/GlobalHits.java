package io.annscale.solr;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.schema.SchemaField;

/**
 * The collection's top K of one {@code {!annknn}} query: unique keys and scores, carried from the
 * coordinating node to the shards in the request parameter {@value #PARAM}. The text is the query's
 * fingerprint on the first line, then one hit per line, {@code score} and URL-encoded {@code id}
 * separated by a space.
 */
final class GlobalHits {
  static final String PARAM = "annknn.globalHits";

  /** One hit: the document's unique key in external (readable) form and its similarity score. */
  record Hit(String id, float score) {}

  private static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(Hit::id);

  private final List<Hit> hits;

  private GlobalHits(List<Hit> hits) {
    this.hits = hits;
  }

  /** The best {@code k} of the shards' hits, by score, ties by id so every run picks the same. */
  static GlobalHits best(List<Hit> shardHits, int k) {
    List<Hit> sorted = new ArrayList<>(shardHits);
    sorted.sort(BEST_FIRST);
    return new GlobalHits(List.copyOf(sorted.subList(0, Math.min(k, sorted.size()))));
  }

  List<Hit> hits() {
    return hits;
  }

  /** The parameter value: fingerprint, then the hits. */
  String encode(String fingerprint) {
    StringBuilder text = new StringBuilder(fingerprint);
    for (Hit hit : hits) {
      text.append('\n')
          .append(hit.score())
          .append(' ')
          .append(URLEncoder.encode(hit.id(), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  /**
   * The hits the request carries for the query with this fingerprint, or null (none, or for another
   * query).
   */
  static GlobalHits fromRequest(SolrParams params, String fingerprint) {
    String text = params == null ? null : params.get(PARAM);
    if (text == null) {
      return null;
    }
    String[] lines = text.split("\n");
    if (!lines[0].equals(fingerprint)) {
      return null;
    }
    List<Hit> hits = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      int space = lines[i].indexOf(' ');
      if (space < 0) {
        throw AnnscaleKnnQParser.bad(PARAM + ": line " + (i + 1) + " is not '<score> <id>'");
      }
      try {
        float score = Float.parseFloat(lines[i].substring(0, space));
        hits.add(
            new Hit(
                URLDecoder.decode(lines[i].substring(space + 1), StandardCharsets.UTF_8), score));
      } catch (IllegalArgumentException e) {
        throw AnnscaleKnnQParser.bad(
            PARAM + ": line " + (i + 1) + " is not '<score> <id>': " + e.getMessage());
      }
    }
    return new GlobalHits(hits);
  }

  /** A query matching exactly these documents, each scored as the graph search scored it. */
  Query toQuery(SchemaField uniqueKey) {
    List<GlobalHitsQuery.Entry> entries = new ArrayList<>(hits.size());
    for (Hit hit : hits) {
      BytesRefBuilder term = new BytesRefBuilder();
      uniqueKey.getType().readableToIndexed(hit.id(), term);
      entries.add(new GlobalHitsQuery.Entry(term.toBytesRef(), hit.score()));
    }
    return new GlobalHitsQuery(uniqueKey.getName(), entries);
  }
}
