package io.annscale.diskann.graph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.InfoStream;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Builds a Vamana graph (Subramanya et al., DiskANN, NeurIPS 2019) on exact scores: one pass over
 * the nodes in random order pruning with the configured {@code alpha}, as Microsoft's DiskANN
 * builds, or the paper's two passes, the first pruning with {@code alpha = 1}; each insertion is a
 * greedy search from the entry node with a list of {@code L}, a robust prune of everything it
 * expanded to at most {@code R} out-edges, and back-edges to the new neighbours, which are pruned
 * in turn when full.
 *
 * <p>Workers insert different nodes at once on the executor they are given (a merge's intra-merge
 * executor; none at flush, where the calling thread builds alone). {@link NeighbourLists} keeps
 * every list consistent under concurrent updates: a prune commits only against the list it read, so
 * no back-edge is lost.
 *
 * <p>Heap: {@link #bytesPerNode} per node for the lists and their distances, plus per worker {@code
 * n} ints of visit stamps. Vectors are reached only through the scorer suppliers (exact scores, and
 * optionally approximate ones that steer the searches, {@link #searchBy}), so they may stay off
 * heap.
 */
public final class VamanaGraphBuilder {
  /**
   * Below this many nodes per worker fewer workers build: small segments come out the same every
   * time, and splitting them would cost more than it saves.
   */
  private static final int MIN_NODES_PER_WORKER = 4096;

  /**
   * While building, a list may grow to {@code 1.3 x R} before it is pruned back to {@code R}
   * (DiskANN's graph slack): pruning at every back-edge to a full list would cost {@code R x R}
   * scores per edge.
   */
  private static final float SLACK = 1.3f;

  private final RandomVectorScorerSupplier scores;
  private final VectorSimilarityFunction similarity;
  private final int size;
  private final int maxDegree;
  private final int capacity;
  private final int listSize;
  private final float alpha;
  private final int workers;
  private final TaskExecutor executor;
  private final int passes;
  private final long seed;
  private final InfoStream infoStream;
  private final NeighbourLists lists;

  /** Steers the insertions' searches: {@link #scores} unless {@link #searchBy} is given others. */
  private RandomVectorScorerSupplier searchScores;

  /** Heap bytes the build holds per node at max degree {@code R}, beyond the workers' stamps. */
  public static long bytesPerNode(int maxDegree) {
    return NeighbourLists.bytesPerNode((int) Math.ceil(maxDegree * SLACK));
  }

  /**
   * @param scores exact scores between any two nodes, higher is closer
   * @param maxDegree {@code R}, >= 1
   * @param listSize {@code L} of the insertion search, >= 1
   * @param alpha the second pass's prune slack, >= 1
   * @param workers >= 1; more than one only with an executor
   * @param executor runs the workers, or null to build on the calling thread alone
   * @param passes insertion passes over every node, 1 (with {@code alpha}) or 2 (alpha 1, then
   *     {@code alpha})
   */
  public VamanaGraphBuilder(
      RandomVectorScorerSupplier scores,
      VectorSimilarityFunction similarity,
      int size,
      int maxDegree,
      int listSize,
      float alpha,
      int workers,
      TaskExecutor executor,
      int passes,
      long seed,
      InfoStream infoStream) {
    if (passes != 1 && passes != 2) {
      throw new IllegalArgumentException("passes must be 1 or 2; passes=" + passes);
    }
    this.passes = passes;
    this.scores = scores;
    this.similarity = similarity;
    this.size = size;
    this.maxDegree = maxDegree;
    this.capacity = (int) Math.ceil(maxDegree * SLACK);
    this.listSize = listSize;
    this.alpha = alpha;
    this.executor = executor;
    this.workers =
        executor == null ? 1 : Math.max(1, Math.min(workers, size / MIN_NODES_PER_WORKER));
    this.seed = seed;
    this.infoStream = infoStream;
    this.lists = new NeighbourLists(size, capacity);
    this.searchScores = scores;
  }

  /**
   * Steers every insertion's search by {@code approximate} scores (a merge's PQ codes, far cheaper
   * to read than the vectors) rather than the exact ones. What a search expanded is rescored
   * exactly before the prune, so the graph's edges and their distances stay exact; only which nodes
   * a search visits follows the approximation.
   */
  public VamanaGraphBuilder searchBy(RandomVectorScorerSupplier approximate) {
    this.searchScores = approximate;
    return this;
  }

  /** Sees every committed list change; tests check with it that the build loses no edge. */
  void listener(NeighbourLists.Listener listener) {
    lists.listener(listener);
  }

  /** Builds the graph with {@code entryNode} (the medoid) as every search's start. */
  public VamanaGraph build(int entryNode) throws IOException {
    if (size == 0) {
      return new VamanaGraph(-1, new int[0][]);
    }
    if (entryNode < 0 || entryNode >= size) {
      throw new IllegalArgumentException("entryNode=" + entryNode + " not in 0.." + (size - 1));
    }
    long start = System.nanoTime();
    int[] all = identity(size);
    if (passes == 2) {
      runPass(entryNode, 1f, 0, all, false);
    }
    runPass(entryNode, alpha, 1, all, false);
    // lists still over R after the last insertions are pruned down to it
    runPass(entryNode, alpha, 2, all, true);
    return finish(entryNode, start);
  }

  /**
   * Builds from a graph that already links some of the nodes (a merge's largest segment,
   * FreshDiskANN-style): their lists are kept; only the other nodes are inserted, in one pass with
   * {@code alpha}, back-edges included; then lists over R are pruned. Much cheaper than two passes
   * over every node when the seed is most of the data.
   *
   * @param seedLists per node its out-edges in the seed graph, null for nodes to insert
   * @param seedEntry a node of the seed graph from which {@code entryNode} is reached if it is not
   *     seeded itself
   */
  public VamanaGraph build(int entryNode, int[][] seedLists, int seedEntry) throws IOException {
    if (seedLists.length != size || seedLists[seedEntry] == null) {
      throw new IllegalArgumentException(
          "seed of " + seedLists.length + " lists for " + size + " nodes");
    }
    long start = System.nanoTime();
    int seeded = 0;
    for (int node = 0; node < size; node++) {
      if (seedLists[node] != null) {
        lists.seed(node, seedLists[node]);
        seeded++;
      }
    }
    if (seedLists[entryNode] == null) {
      new Inserter(seedEntry, alpha).insertAll(new int[] {entryNode}, new AtomicInteger(), false);
    }
    int[] others = new int[size - seeded - (seedLists[entryNode] == null ? 1 : 0)];
    for (int node = 0, i = 0; node < size; node++) {
      if (seedLists[node] == null && node != entryNode) {
        others[i++] = node;
      }
    }
    log(
        String.format(
            Locale.ROOT,
            "merge: %d nodes linked by the largest segment's graph, %d to insert",
            seeded,
            others.length));
    runPass(entryNode, alpha, 1, others, false);
    runPass(entryNode, alpha, 2, identity(size), true);
    return finish(entryNode, start);
  }

  private VamanaGraph finish(int entryNode, long start) {
    VamanaGraph graph = new VamanaGraph(entryNode, lists.toLists());
    log(
        String.format(
            Locale.ROOT,
            "built %d nodes in %.1f s, mean degree %.1f, %d workers",
            size,
            (System.nanoTime() - start) / 1e9,
            graph.meanDegree(),
            workers));
    return graph;
  }

  private static int[] identity(int size) {
    int[] nodes = new int[size];
    for (int i = 0; i < size; i++) {
      nodes[i] = i;
    }
    return nodes;
  }

  /** Inserts (or trims) {@code nodes} in a random order seeded by the pass. */
  private void runPass(int entryNode, float passAlpha, int pass, int[] nodes, boolean trimOnly)
      throws IOException {
    long start = System.nanoTime();
    runPassOnWorkers(entryNode, passAlpha, pass, nodes, trimOnly);
    log(
        String.format(
            Locale.ROOT,
            "%s (%d nodes) took %.1f s",
            passName(passAlpha, trimOnly),
            nodes.length,
            (System.nanoTime() - start) / 1e9));
  }

  /**
   * What a pass does, for the log: "insert, alpha 1.20" or "trim". (A pass's number only seeds its
   * random order, so a one-pass build's insertions are the second pass of a two-pass one.)
   */
  private static String passName(float passAlpha, boolean trimOnly) {
    return trimOnly ? "trim" : String.format(Locale.ROOT, "insert, alpha %.2f", passAlpha);
  }

  private void runPassOnWorkers(
      int entryNode, float passAlpha, int pass, int[] nodes, boolean trimOnly) throws IOException {
    int[] order = shuffled(nodes, new SplittableRandom(seed + pass));
    AtomicInteger next = new AtomicInteger();
    if (workers == 1) {
      new Inserter(entryNode, passAlpha).insertAll(order, next, trimOnly);
      return;
    }
    // each worker takes chunks of the order until none is left, so a worker that the executor runs
    // late (or on the calling thread) just finds less to do
    List<Callable<Void>> tasks = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      tasks.add(
          () -> {
            new Inserter(entryNode, passAlpha).insertAll(order, next, trimOnly);
            return null;
          });
    }
    executor.invokeAll(tasks);
  }

  private static int[] shuffled(int[] nodes, SplittableRandom random) {
    int[] order = nodes.clone();
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private void log(String message) {
    if (infoStream.isEnabled("DISKANN")) {
      infoStream.message("DISKANN", message);
    }
  }

  /** One worker's insertions, with its own scorer copy and scratch space. */
  private final class Inserter {
    private final int entryNode;
    private final float passAlpha;
    private final RandomVectorScorerSupplier threadScores;
    private final RandomVectorScorerSupplier threadSearchScores;
    private final int[] stamps = new int[size];
    private int stamp;
    private final int[] listIds = new int[listSize + 1];
    private final float[] listDistances = new float[listSize + 1];
    private final boolean[] listExpanded = new boolean[listSize + 1];
    private int[] expandedIds = new int[2 * listSize];
    private float[] expandedDistances = new float[2 * listSize];
    private final int[] neighbourIds = new int[capacity + 1];
    private final float[] batchScores = new float[capacity + 1];
    private final NeighbourLists.Snapshot snapshot = new NeighbourLists.Snapshot(capacity);
    private final int[] chosenIds = new int[maxDegree];
    private final float[] chosenDistances = new float[maxDegree];
    private final RobustPrune prune = new RobustPrune(similarity, maxDegree);

    Inserter(int entryNode, float passAlpha) throws IOException {
      this.entryNode = entryNode;
      this.passAlpha = passAlpha;
      this.threadScores = scores.copy();
      this.threadSearchScores = searchScores == scores ? threadScores : searchScores.copy();
    }

    void insertAll(int[] order, AtomicInteger next, boolean trimOnly) throws IOException {
      int chunk = 64;
      long reportEvery = Math.max(order.length / 10, 1);
      for (int from = next.getAndAdd(chunk); from < order.length; from = next.getAndAdd(chunk)) {
        int to = Math.min(from + chunk, order.length);
        for (int i = from; i < to; i++) {
          if (trimOnly) {
            trim(order[i]);
          } else {
            insert(order[i]);
          }
        }
        if (!trimOnly && from / reportEvery != to / reportEvery) {
          log(
              String.format(
                  Locale.ROOT, "%s: %d of %d nodes", passName(passAlpha, false), to, order.length));
        }
      }
    }

    /**
     * Links {@code node}: its list becomes the prune of everything the search expanded plus its
     * current list (a second pass, or back-edges it already has), then each chosen neighbour gets
     * the back-edge.
     */
    private void insert(int node) throws IOException {
      int expanded = greedySearch(node, threadSearchScores.scorer(node));
      if (threadSearchScores != threadScores) {
        RandomVectorScorer exact = threadScores.scorer(node);
        for (int i = 0; i < expanded; i++) {
          expandedDistances[i] = distance(exact.score(expandedIds[i]));
        }
      }
      do {
        lists.read(node, snapshot);
        prune.reset();
        nextStamp();
        stamps[node] = stamp;
        for (int i = 0; i < expanded; i++) {
          int id = expandedIds[i];
          if (stamps[id] != stamp) {
            stamps[id] = stamp;
            prune.add(id, expandedDistances[i]);
          }
        }
        for (int i = 0; i < snapshot.degree; i++) {
          int id = snapshot.ids[i];
          if (stamps[id] != stamp) {
            stamps[id] = stamp;
            prune.add(id, snapshot.distances[i]);
          }
        }
        prune.prune(node, threadScores, passAlpha);
      } while (!lists.replace(node, snapshot.version, prune));
      int chosen = prune.keptCount();
      System.arraycopy(prune.keptIds(), 0, chosenIds, 0, chosen);
      System.arraycopy(prune.keptDistances(), 0, chosenDistances, 0, chosen);
      for (int i = 0; i < chosen; i++) {
        // distances are symmetric, so the forward edge's is the back-edge's
        addBackEdge(chosenIds[i], node, chosenDistances[i]);
      }
    }

    /**
     * Greedy search for {@code node} from the entry; fills {@code expanded*} and returns how many.
     */
    private int greedySearch(int node, RandomVectorScorer scorer) throws IOException {
      nextStamp();
      stamps[node] = stamp;
      int count = 0;
      int expandedCount = 0;
      if (entryNode != node) {
        stamps[entryNode] = stamp;
        listIds[0] = entryNode;
        listDistances[0] = distance(scorer.score(entryNode));
        listExpanded[0] = false;
        count = 1;
      }
      int first = 0; // lowest index that may be unexpanded
      while (true) {
        while (first < count && listExpanded[first]) {
          first++;
        }
        if (first >= count) {
          break;
        }
        int current = listIds[first];
        listExpanded[first] = true;
        if (expandedCount == expandedIds.length) {
          expandedIds = Arrays.copyOf(expandedIds, 2 * expandedCount);
          expandedDistances = Arrays.copyOf(expandedDistances, 2 * expandedCount);
        }
        expandedIds[expandedCount] = current;
        expandedDistances[expandedCount++] = listDistances[first];
        int degree = lists.copyIds(current, neighbourIds);
        // three tight loops rather than one: the unvisited neighbours' vectors are fetched by
        // independent iterations, so their cache misses overlap instead of queueing behind each
        // list insertion
        int unvisited = 0;
        for (int i = 0; i < degree; i++) {
          int candidate = neighbourIds[i];
          if (stamps[candidate] != stamp) {
            stamps[candidate] = stamp;
            neighbourIds[unvisited++] = candidate;
          }
        }
        scoreAll(scorer, neighbourIds, unvisited, batchScores);
        for (int i = 0; i < unvisited; i++) {
          float d = distance(batchScores[i]);
          if (count == listSize && d >= listDistances[count - 1]) {
            continue;
          }
          int at = insertSorted(count, neighbourIds[i], d);
          count = Math.min(count + 1, listSize);
          if (at < first) {
            first = at;
          }
        }
      }
      return expandedCount;
    }

    /** Inserts into the sorted list, dropping its last entry when full; returns the position. */
    private int insertSorted(int count, int id, float d) {
      int at = count;
      while (at > 0 && listDistances[at - 1] > d) {
        at--;
      }
      int moved = Math.min(count, listSize - 1) - at;
      if (moved > 0) {
        System.arraycopy(listIds, at, listIds, at + 1, moved);
        System.arraycopy(listDistances, at, listDistances, at + 1, moved);
        System.arraycopy(listExpanded, at, listExpanded, at + 1, moved);
      }
      listIds[at] = id;
      listDistances[at] = d;
      listExpanded[at] = false;
      return at;
    }

    /** Prunes a list that the slack let grow past {@code R}. */
    private void trim(int node) throws IOException {
      do {
        lists.read(node, snapshot);
        if (snapshot.degree <= maxDegree) {
          return;
        }
        prune.reset();
        for (int i = 0; i < snapshot.degree; i++) {
          prune.add(snapshot.ids[i], snapshot.distances[i]);
        }
        prune.prune(node, threadScores, passAlpha);
      } while (!lists.replace(node, snapshot.version, prune));
    }

    /** Adds {@code node -> newNeighbour}; a full list is pruned with it, retried if it moved. */
    private void addBackEdge(int node, int newNeighbour, float distance) throws IOException {
      while (lists.addIfRoom(node, newNeighbour, distance, snapshot) == NeighbourLists.Added.FULL) {
        prune.reset();
        prune.add(newNeighbour, distance);
        for (int i = 0; i < snapshot.degree; i++) {
          prune.add(snapshot.ids[i], snapshot.distances[i]);
        }
        prune.prune(node, threadScores, passAlpha);
        if (lists.replace(node, snapshot.version, prune)) {
          return;
        }
      }
    }

    private void nextStamp() {
      if (++stamp == 0) {
        Arrays.fill(stamps, 0);
        stamp = 1;
      }
    }
  }

  private float distance(float score) {
    return ScoreDistance.of(similarity, score);
  }

  /** The scores of {@code nodes[0..count)}, gathered in one call where the scorer can. */
  static void scoreAll(RandomVectorScorer scorer, int[] nodes, int count, float[] scores)
      throws IOException {
    if (scorer instanceof GatheredScorer gathered) {
      gathered.scores(nodes, count, scores);
    } else {
      for (int i = 0; i < count; i++) {
        scores[i] = scorer.score(nodes[i]);
      }
    }
  }
}
