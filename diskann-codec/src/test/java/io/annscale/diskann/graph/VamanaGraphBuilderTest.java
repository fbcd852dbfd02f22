package io.annscale.diskann.graph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.InfoStream;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * The concurrent Vamana build: large enough that two workers insert at once (over {@code 2 x 4096}
 * nodes), checked edge by edge and by recall against exact neighbours.
 */
public class VamanaGraphBuilderTest extends LuceneTestCase {
  private static final int SIZE = 20_000;
  private static final int DIMENSION = 16;
  private static final int MAX_DEGREE = 24;
  private static final int LIST_SIZE = 48;
  private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.EUCLIDEAN;

  /**
   * Replays every committed change of every list in commit order: a prune must have seen each edge
   * the list held when it committed (else that edge was dropped without the prune rule deciding: a
   * lost update), and the replay must end at the built graph.
   */
  public void testConcurrentBuildLosesNoEdge() throws Exception {
    List<float[]> vectors = vectors(new Random(random().nextLong()), SIZE);
    EventLog log = new EventLog(SIZE);
    VamanaGraph graph = build(vectors, 2, log);

    long lost = 0;
    long edgesAdded = 0;
    long prunes = 0;
    for (int node = 0; node < SIZE; node++) {
      Set<Integer> list = new HashSet<>();
      for (int[] event : log.events(node)) {
        if (event[0] == ADDED) {
          assertTrue("edge " + node + "->" + event[1] + " added twice", list.add(event[1]));
          edgesAdded++;
        } else {
          prunes++;
          int candidates = event[1];
          Set<Integer> considered = new HashSet<>();
          for (int i = 2; i < 2 + candidates; i++) {
            considered.add(event[i]);
          }
          for (int edge : list) {
            if (!considered.contains(edge)) {
              lost++;
            }
          }
          list.clear();
          for (int i = 2 + candidates; i < event.length; i++) {
            list.add(event[i]);
          }
        }
      }
      Set<Integer> built = new HashSet<>();
      for (int edge : graph.neighbours()[node]) {
        built.add(edge);
      }
      assertEquals("node " + node + ": the replayed list is the built one", list, built);
    }
    assertTrue("back-edges were added: " + edgesAdded, edgesAdded > SIZE);
    assertTrue("full lists were pruned: " + prunes, prunes > SIZE);
    assertEquals("edges dropped by a prune that did not see them", 0, lost);
  }

  /** Two workers build a graph as good as one worker's. */
  public void testConcurrentRecallMatchesSingleWorker() throws Exception {
    Random random = new Random(random().nextLong());
    List<float[]> vectors = vectors(random, SIZE);
    List<float[]> queries = vectors(random, 200);
    double one = recallAt10(build(vectors, 1, null), vectors, queries);
    double two = recallAt10(build(vectors, 2, null), vectors, queries);
    assertTrue("one worker's recall@10 " + one, one >= 0.95);
    assertEquals("two workers' recall@10 against one's", one, two, 0.02);
  }

  /**
   * Searches steered by other scores of the same order visit the same nodes, and the prune sees
   * only exact distances: the graph is the exact build's, edge for edge. (Halving a score is exact,
   * so the order is the same to the last bit, but its distance is {@code 2d + 1}: pruned on, that
   * would keep other edges.)
   */
  public void testSteeringScoresChooseVisitsOnlyNotEdges() throws Exception {
    Random random = new Random(random().nextLong());
    List<float[]> vectors = vectors(random, 6_000);
    RandomVectorScorerSupplier exact = exactScores(vectors);
    VamanaGraph plain = build(vectors, 1, null, null);
    VamanaGraph steered = build(vectors, 1, null, new HalvedScores(exact));
    assertEquals(plain.entryNode(), steered.entryNode());
    for (int node = 0; node < vectors.size(); node++) {
      assertArrayEquals(
          "node " + node + "'s edges", plain.neighbours()[node], steered.neighbours()[node]);
    }
  }

  /** Searches steered by coarse approximate scores still give a graph of the exact one's recall. */
  public void testSearchesSteeredByApproximateScoresKeepRecall() throws Exception {
    Random random = new Random(random().nextLong());
    List<float[]> vectors = vectors(random, SIZE);
    List<float[]> queries = vectors(random, 200);
    // every component rounded to a multiple of 0.5: about the error of the merge's PQ codes
    List<float[]> rounded = new ArrayList<>(vectors.size());
    for (float[] v : vectors) {
      float[] r = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        r[d] = Math.round(v[d] * 2) / 2f;
      }
      rounded.add(r);
    }
    double exact = recallAt10(build(vectors, 1, null, null), vectors, queries);
    double steered = recallAt10(build(vectors, 1, null, exactScores(rounded)), vectors, queries);
    assertTrue("exact build's recall@10 " + exact, exact >= 0.95);
    assertEquals("steered build's recall@10 against the exact build's", exact, steered, 0.02);
  }

  private static RandomVectorScorerSupplier exactScores(List<float[]> vectors) throws IOException {
    return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
        SIMILARITY, RandomAccessVectorValues.fromFloats(vectors, DIMENSION));
  }

  /** Half another supplier's scores: the same order, other distances. */
  private record HalvedScores(RandomVectorScorerSupplier scores)
      implements RandomVectorScorerSupplier {
    @Override
    public RandomVectorScorer scorer(int ord) throws IOException {
      RandomVectorScorer inner = scores.scorer(ord);
      return new RandomVectorScorer() {
        @Override
        public float score(int node) throws IOException {
          return inner.score(node) / 2;
        }

        @Override
        public int maxOrd() {
          return inner.maxOrd();
        }
      };
    }

    @Override
    public RandomVectorScorerSupplier copy() throws IOException {
      return new HalvedScores(scores.copy());
    }
  }

  private static VamanaGraph build(List<float[]> vectors, int workers, EventLog log)
      throws IOException, InterruptedException {
    return build(vectors, workers, log, null);
  }

  /**
   * @param steering scores for the insertions' searches, or null for the exact ones
   */
  private static VamanaGraph build(
      List<float[]> vectors, int workers, EventLog log, RandomVectorScorerSupplier steering)
      throws IOException, InterruptedException {
    RandomVectorScorerSupplier scores = exactScores(vectors);
    ExecutorService pool = workers == 1 ? null : Executors.newFixedThreadPool(workers);
    try {
      VamanaGraphBuilder builder =
          new VamanaGraphBuilder(
              scores,
              SIMILARITY,
              vectors.size(),
              MAX_DEGREE,
              LIST_SIZE,
              1.2f,
              workers,
              pool == null ? null : new TaskExecutor(pool),
              1,
              42,
              InfoStream.NO_OUTPUT);
      if (log != null) {
        builder.listener(log);
      }
      if (steering != null) {
        builder.searchBy(steering);
      }
      return builder.build(Medoid.of(floats(vectors)));
    } finally {
      if (pool != null) {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      }
    }
  }

  /** Greedy search with a list of 64 on exact distances, against a full scan. */
  private static double recallAt10(
      VamanaGraph graph, List<float[]> vectors, List<float[]> queries) {
    int hits = 0;
    for (float[] query : queries) {
      Set<Integer> truth = new HashSet<>();
      for (int id : nearest(query, vectors, allNodes(vectors.size()), 10)) {
        truth.add(id);
      }
      for (int id : greedySearch(graph, vectors, query, 64)) {
        if (truth.contains(id)) {
          hits++;
        }
      }
    }
    return hits / (10.0 * queries.size());
  }

  private static int[] greedySearch(
      VamanaGraph graph, List<float[]> vectors, float[] query, int l) {
    Set<Integer> visited = new HashSet<>();
    Set<Integer> expanded = new HashSet<>();
    List<Integer> list = new ArrayList<>(List.of(graph.entryNode()));
    visited.add(graph.entryNode());
    while (true) {
      Integer next = null;
      for (int id : list) {
        if (!expanded.contains(id)) {
          next = id;
          break;
        }
      }
      if (next == null) {
        break;
      }
      expanded.add(next);
      for (int neighbour : graph.neighbours()[next]) {
        if (visited.add(neighbour)) {
          list.add(neighbour);
        }
      }
      int[] kept = nearest(query, vectors, list.stream().mapToInt(Integer::intValue).toArray(), l);
      list.clear();
      for (int id : kept) {
        list.add(id);
      }
    }
    return nearest(query, vectors, list.stream().mapToInt(Integer::intValue).toArray(), 10);
  }

  private static int[] nearest(float[] query, List<float[]> vectors, int[] ids, int k) {
    return Arrays.stream(ids)
        .boxed()
        .sorted(
            (a, b) ->
                Float.compare(
                    SIMILARITY.compare(query, vectors.get(b)),
                    SIMILARITY.compare(query, vectors.get(a))))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static int[] allNodes(int size) {
    int[] ids = new int[size];
    Arrays.setAll(ids, i -> i);
    return ids;
  }

  /** Points around 50 centres, as embeddings cluster by topic. */
  private static List<float[]> vectors(Random random, int count) {
    Random centres = new Random(7);
    float[][] centre = new float[50][DIMENSION];
    for (float[] c : centre) {
      for (int d = 0; d < DIMENSION; d++) {
        c[d] = centres.nextFloat() * 10;
      }
    }
    List<float[]> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] c = centre[random.nextInt(centre.length)];
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = c[d] + (float) random.nextGaussian();
      }
      vectors.add(v);
    }
    return vectors;
  }

  private static Medoid.FloatVectors floats(List<float[]> vectors) {
    return new Medoid.FloatVectors() {
      @Override
      public int size() {
        return vectors.size();
      }

      @Override
      public int dimension() {
        return DIMENSION;
      }

      @Override
      public float[] vector(int ord) {
        return vectors.get(ord);
      }
    };
  }

  /**
   * Each node's committed changes in commit order. The builder calls it under the node's lock, so
   * one node's events never race; {@code invokeAll} returning publishes them to the test thread.
   */
  private static final int ADDED = 0;

  /** {REPLACED, candidate count, candidates..., kept...} */
  private static final int REPLACED = 1;

  private static final class EventLog implements NeighbourLists.Listener {
    private final List<List<int[]>> events;

    EventLog(int size) {
      events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        events.add(new ArrayList<>());
      }
    }

    List<int[]> events(int node) {
      return events.get(node);
    }

    @Override
    public void added(int node, int neighbour) {
      events.get(node).add(new int[] {ADDED, neighbour});
    }

    @Override
    public void replaced(
        int node, int[] candidates, int candidateCount, int[] kept, int keptCount) {
      int[] event = new int[2 + candidateCount + keptCount];
      event[0] = REPLACED;
      event[1] = candidateCount;
      System.arraycopy(candidates, 0, event, 2, candidateCount);
      System.arraycopy(kept, 0, event, 2 + candidateCount, keptCount);
      events.get(node).add(event);
    }
  }
}
