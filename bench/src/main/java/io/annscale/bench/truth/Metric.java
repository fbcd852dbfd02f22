package io.annscale.bench.truth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How nearness is measured. Every metric is expressed as a distance, smaller is nearer, so one
 * ordering serves all: squared L2 for {@link #EUCLIDEAN}, {@code 1 - cos} for {@link #COSINE},
 * {@code -dot} for {@link #DOT_PRODUCT}. Ground-truth distance files hold these values.
 */
public enum Metric {
  EUCLIDEAN(VectorSimilarityFunction.EUCLIDEAN, "euclidean", "l2"),
  COSINE(VectorSimilarityFunction.COSINE, "cosine", "angular"),
  DOT_PRODUCT(VectorSimilarityFunction.DOT_PRODUCT, "dot_product", "dot", "ip", "mip");

  private final VectorSimilarityFunction lucene;
  private final String[] names;

  Metric(VectorSimilarityFunction lucene, String... names) {
    this.lucene = lucene;
    this.names = names;
  }

  /** The Lucene similarity that ranks vectors in the same order. */
  public VectorSimilarityFunction toLucene() {
    return lucene;
  }

  /**
   * Parses a metric name or alias, any case: euclidean|l2, cosine|angular, dot_product|dot|ip|mip.
   */
  public static Metric parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Metric m : values()) {
      if (Arrays.asList(m.names).contains(n)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "unknown metric '%s'; expected one of %s",
            name,
            Arrays.stream(values())
                .map(m -> String.join("|", m.names))
                .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return names[0];
  }
}
