package io.annscale.diskann.graph;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Vamana's robust prune of one node's candidates: take them closest first; each one taken removes
 * every remaining candidate it is {@code alpha} times closer to than the node is, so the kept edges
 * point in different directions. Cost: up to {@code R x candidates} exact scores between
 * candidates; the node's own distances to them come with the candidates. One instance per thread:
 * it holds the candidates and the result.
 */
final class RobustPrune {
  private final VectorSimilarityFunction similarity;
  private final int maxDegree;
  private int[] ids = new int[64];
  private float[] distances = new float[64];
  private boolean[] removed = new boolean[64];

  /** Per kept candidate, the candidates after it still in: indexes, ids and scores. */
  private int[] openIndexes = new int[64];

  private int[] openIds = new int[64];

  private float[] openScores = new float[64];
  private int count;
  private final int[] keptIds;
  private final float[] keptDistances;
  private int keptCount;

  RobustPrune(VectorSimilarityFunction similarity, int maxDegree) {
    this.similarity = similarity;
    this.maxDegree = maxDegree;
    this.keptIds = new int[maxDegree];
    this.keptDistances = new float[maxDegree];
  }

  void reset() {
    count = 0;
  }

  /** A candidate with its distance from the node, or {@code NaN} to have it scored. */
  void add(int id, float distance) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, 2 * count);
      distances = Arrays.copyOf(distances, 2 * count);
      removed = new boolean[2 * count];
      openIndexes = new int[2 * count];
      openIds = new int[2 * count];
      openScores = new float[2 * count];
    }
    ids[count] = id;
    distances[count++] = distance;
  }

  /**
   * Prunes the candidates of {@code node} to at most {@code R}; the result is in {@link #keptIds()}
   * and {@link #keptDistances()}, closest first.
   */
  void prune(int node, RandomVectorScorerSupplier scores, float alpha) throws IOException {
    scoreMissing(node, scores);
    sortByDistance();
    Arrays.fill(removed, 0, count, false);
    keptCount = 0;
    for (int i = 0; i < count && keptCount < maxDegree; i++) {
      if (removed[i]) {
        continue;
      }
      keptIds[keptCount] = ids[i];
      keptDistances[keptCount++] = distances[i];
      if (keptCount == maxDegree) {
        break;
      }
      RandomVectorScorer fromKept = scores.scorer(ids[i]);
      // the candidates still in are scored in a loop of their own, as the insertion's search scores
      // its neighbours: independent reads of their vectors overlap their cache misses, where a
      // removal decided between two reads would order them
      int open = 0;
      for (int j = i + 1; j < count; j++) {
        if (!removed[j]) {
          openIds[open] = ids[j];
          openIndexes[open++] = j;
        }
      }
      VamanaGraphBuilder.scoreAll(fromKept, openIds, open, openScores);
      for (int o = 0; o < open; o++) {
        int j = openIndexes[o];
        if (alpha * ScoreDistance.of(similarity, openScores[o]) <= distances[j]) {
          removed[j] = true;
        }
      }
    }
  }

  int keptCount() {
    return keptCount;
  }

  int[] keptIds() {
    return keptIds;
  }

  float[] keptDistances() {
    return keptDistances;
  }

  int candidateCount() {
    return count;
  }

  /** The candidates, sorted closest first once {@link #prune} ran. */
  int[] candidateIds() {
    return ids;
  }

  private void scoreMissing(int node, RandomVectorScorerSupplier scores) throws IOException {
    RandomVectorScorer fromNode = null;
    for (int i = 0; i < count; i++) {
      if (Float.isNaN(distances[i])) {
        if (fromNode == null) {
          fromNode = scores.scorer(node);
        }
        distances[i] = ScoreDistance.of(similarity, fromNode.score(ids[i]));
      }
    }
  }

  /** Insertion sort: candidate lists are a few hundred long and mostly sorted already. */
  private void sortByDistance() {
    for (int i = 1; i < count; i++) {
      int id = ids[i];
      float d = distances[i];
      int j = i - 1;
      while (j >= 0 && distances[j] > d) {
        ids[j + 1] = ids[j];
        distances[j + 1] = distances[j];
        j--;
      }
      ids[j + 1] = id;
      distances[j + 1] = d;
    }
  }
}
