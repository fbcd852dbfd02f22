package io.annscale.bench.testutil;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Vectors drawn near one of a few Gaussian centres (spread 4, each vector spread 1 about its
 * centre), and the exact top k of a changing set of documents: the data of the update and delete
 * tests, which must know the truth of whatever is live at each step.
 */
public final class ClusteredVectors {
  private final float[][] centres;
  private final int dimension;

  /** Draws {@code centreCount} centres from {@code random}. */
  public ClusteredVectors(Random random, int centreCount, int dimension) {
    this.dimension = dimension;
    this.centres = new float[centreCount][];
    for (int c = 0; c < centreCount; c++) {
      centres[c] = gaussian(random, 4f);
    }
  }

  /** A vector near a centre chosen at random. */
  public float[] near(Random random) {
    float[] centre = centres[random.nextInt(centres.length)];
    float[] v = gaussian(random, 1f);
    for (int d = 0; d < dimension; d++) {
      v[d] += centre[d];
    }
    return v;
  }

  private float[] gaussian(Random random, float scale) {
    float[] v = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      v[d] = (float) random.nextGaussian() * scale;
    }
    return v;
  }

  /** The ids of the {@code k} live documents most similar to {@code query}, ties by id. */
  public static Set<String> exactTop(
      Map<String, float[]> live, float[] query, VectorSimilarityFunction similarity, int k) {
    List<Map.Entry<String, float[]>> all = new ArrayList<>(live.entrySet());
    all.sort(
        Comparator.<Map.Entry<String, float[]>>comparingDouble(
                e -> -similarity.compare(query, e.getValue()))
            .thenComparing(Map.Entry::getKey));
    Set<String> top = new HashSet<>();
    for (int i = 0; i < k; i++) {
      top.add(all.get(i).getKey());
    }
    return top;
  }
}
