package io.annscale.diskann.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.InfoStream;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Builds a Vamana graph (Subramanya et al., DiskANN, NeurIPS 2019) on exact scores: one pass over
 * the nodes in random order pruning with the configured {@code alpha}, as Microsoft's DiskANN
 * builds, or the paper's two passes, the first pruning with {@code alpha = 1}; each insertion is a
 * greedy search from the entry node with a list of {@code L}, a robust prune of everything it
 * expanded to at most {@code R} out-edges, and back-edges to the new neighbours, which are pruned
 * in turn when full. Threads insert different nodes at once; each node's list is guarded by a
 * striped lock, and a prune works on a copy so no lock is held while scoring.
 *
 * <p>Heap: {@code n x 1.3R} ints for the lists plus, per thread, {@code n} ints of visit stamps.
 * Vectors are reached only through the scorer supplier, so they may stay off heap (a merge's
 * temporary file).
 */
public final class VamanaGraphBuilder {
  private static final int LOCK_STRIPES = 1 << 12;

  /**
   * Below this many nodes one thread builds: no pool, and small segments come out the same every
   * time.
   */
  private static final int MIN_NODES_PER_THREAD = 4096;

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
  private final int threads;
  private final int passes;
  private final long seed;
  private final InfoStream infoStream;
  private final int[][] neighbours;
  private final int[] degrees;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * @param scores exact scores between any two nodes, higher is closer
   * @param maxDegree {@code R}, >= 1
   * @param listSize {@code L} of the insertion search, >= 1
   * @param alpha the second pass's prune slack, >= 1
   * @param threads >= 1
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
      int threads,
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
    this.threads = Math.max(1, Math.min(threads, size / MIN_NODES_PER_THREAD));
    this.seed = seed;
    this.infoStream = infoStream;
    this.neighbours = new int[size][];
    this.degrees = new int[size];
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
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
        neighbours[node] = Arrays.copyOf(seedLists[node], capacity);
        degrees[node] = Math.min(seedLists[node].length, capacity);
        seeded++;
      }
    }
    if (seedLists[entryNode] == null) {
      new Inserter(seedEntry, alpha)
          .insertAll(new int[] {entryNode}, new AtomicInteger(), 0, false);
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
    int[][] lists = new int[size][];
    for (int node = 0; node < size; node++) {
      lists[node] =
          neighbours[node] == null ? new int[0] : Arrays.copyOf(neighbours[node], degrees[node]);
    }
    VamanaGraph graph = new VamanaGraph(entryNode, lists);
    log(
        String.format(
            Locale.ROOT,
            "built %d nodes in %.1f s, mean degree %.1f, %d threads",
            size,
            (System.nanoTime() - start) / 1e9,
            graph.meanDegree(),
            threads));
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
    runPassOnThreads(entryNode, passAlpha, pass, nodes, trimOnly);
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

  private void runPassOnThreads(
      int entryNode, float passAlpha, int pass, int[] nodes, boolean trimOnly) throws IOException {
    int[] order = shuffled(nodes, new SplittableRandom(seed + pass));
    AtomicInteger next = new AtomicInteger();
    if (threads == 1) {
      new Inserter(entryNode, passAlpha).insertAll(order, next, pass, trimOnly);
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "vamana-build");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  new Inserter(entryNode, passAlpha).insertAll(order, next, pass, trimOnly);
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("graph build interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("graph build failed", cause);
    } finally {
      pool.shutdownNow();
    }
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

  private Object lock(int node) {
    return locks[node & (LOCK_STRIPES - 1)];
  }

  private void log(String message) {
    if (infoStream.isEnabled("DISKANN")) {
      infoStream.message("DISKANN", message);
    }
  }

  /** One thread's insertions, with its own scorer copy and scratch space. */
  private final class Inserter {
    private final int entryNode;
    private final float passAlpha;
    private final RandomVectorScorerSupplier threadScores;
    private final int[] stamps = new int[size];
    private int stamp;
    private final int[] listIds = new int[listSize + 1];
    private final float[] listDistances = new float[listSize + 1];
    private final boolean[] listExpanded = new boolean[listSize + 1];
    private int[] expandedIds = new int[2 * listSize];
    private float[] expandedDistances = new float[2 * listSize];
    private final int[] snapshot = new int[capacity + 1];
    private final float[] batchDistances = new float[capacity + 1];
    private final Pruner pruner = new Pruner();

    Inserter(int entryNode, float passAlpha) throws IOException {
      this.entryNode = entryNode;
      this.passAlpha = passAlpha;
      this.threadScores = scores.copy();
    }

    void insertAll(int[] order, AtomicInteger next, int pass, boolean trimOnly) throws IOException {
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

    private void insert(int node) throws IOException {
      RandomVectorScorer scorer = threadScores.scorer(node);
      int expanded = greedySearch(node, scorer);
      // candidates: every node the search expanded, plus the node's current neighbours (second
      // pass)
      int degree;
      synchronized (lock(node)) {
        degree = copyNeighbours(node);
      }
      pruner.reset();
      nextStamp();
      stamps[node] = stamp;
      for (int i = 0; i < expanded; i++) {
        int id = expandedIds[i];
        if (stamps[id] != stamp) {
          stamps[id] = stamp;
          pruner.add(id, expandedDistances[i]);
        }
      }
      for (int i = 0; i < degree; i++) {
        int id = snapshot[i];
        if (stamps[id] != stamp) {
          stamps[id] = stamp;
          pruner.add(id, distance(scorer.score(id)));
        }
      }
      int[] chosen = pruner.prune(threadScores, passAlpha);
      synchronized (lock(node)) {
        setNeighbours(node, chosen, chosen.length);
      }
      for (int neighbour : chosen) {
        addBackEdge(neighbour, node);
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
        int degree;
        synchronized (lock(current)) {
          degree = copyNeighbours(current);
        }
        // three tight loops rather than one: the unvisited neighbours' vectors are fetched by
        // independent
        // iterations, so their cache misses overlap instead of queueing behind each list insertion
        int unvisited = 0;
        for (int i = 0; i < degree; i++) {
          int candidate = snapshot[i];
          if (stamps[candidate] != stamp) {
            stamps[candidate] = stamp;
            snapshot[unvisited++] = candidate;
          }
        }
        for (int i = 0; i < unvisited; i++) {
          batchDistances[i] = distance(scorer.score(snapshot[i]));
        }
        for (int i = 0; i < unvisited; i++) {
          float d = batchDistances[i];
          if (count == listSize && d >= listDistances[count - 1]) {
            continue;
          }
          int at = insertSorted(count, snapshot[i], d);
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
      int degree;
      synchronized (lock(node)) {
        degree = copyNeighbours(node);
      }
      if (degree <= maxDegree) {
        return;
      }
      RandomVectorScorer scorer = threadScores.scorer(node);
      pruner.reset();
      for (int i = 0; i < degree; i++) {
        pruner.add(snapshot[i], distance(scorer.score(snapshot[i])));
      }
      int[] chosen = pruner.prune(threadScores, passAlpha);
      synchronized (lock(node)) {
        setNeighbours(node, chosen, chosen.length);
      }
    }

    private void addBackEdge(int node, int newNeighbour) throws IOException {
      int degree;
      synchronized (lock(node)) {
        degree = copyNeighbours(node);
        for (int i = 0; i < degree; i++) {
          if (snapshot[i] == newNeighbour) {
            return;
          }
        }
        if (degree < capacity) {
          if (neighbours[node] == null) {
            neighbours[node] = new int[capacity];
          }
          neighbours[node][degree] = newNeighbour;
          degrees[node] = degree + 1;
          return;
        }
      }
      // full: prune the list plus the new edge, outside the lock
      RandomVectorScorer scorer = threadScores.scorer(node);
      pruner.reset();
      pruner.add(newNeighbour, distance(scorer.score(newNeighbour)));
      for (int i = 0; i < degree; i++) {
        pruner.add(snapshot[i], distance(scorer.score(snapshot[i])));
      }
      int[] chosen = pruner.prune(threadScores, passAlpha);
      synchronized (lock(node)) {
        setNeighbours(node, chosen, chosen.length);
      }
    }

    private int copyNeighbours(int node) {
      int degree = degrees[node];
      if (degree > 0) {
        System.arraycopy(neighbours[node], 0, snapshot, 0, degree);
      }
      return degree;
    }

    private void setNeighbours(int node, int[] ids, int count) {
      if (neighbours[node] == null) {
        neighbours[node] = new int[capacity];
      }
      System.arraycopy(ids, 0, neighbours[node], 0, count);
      degrees[node] = count;
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

  /**
   * Robust prune: take candidates closest first; each one taken removes every remaining candidate
   * it is {@code alpha} times closer to than the node is, so the kept edges point in different
   * directions. Cost: up to {@code R x candidates} exact scores.
   */
  private final class Pruner {
    private int[] ids = new int[64];
    private float[] distances = new float[64];
    private int count;

    void reset() {
      count = 0;
    }

    void add(int id, float distance) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, 2 * count);
        distances = Arrays.copyOf(distances, 2 * count);
      }
      ids[count] = id;
      distances[count++] = distance;
    }

    int[] prune(RandomVectorScorerSupplier threadScores, float pruneAlpha) throws IOException {
      sortByDistance();
      int[] kept = new int[Math.min(maxDegree, count)];
      int keptCount = 0;
      boolean[] removed = new boolean[count];
      for (int i = 0; i < count && keptCount < kept.length; i++) {
        if (removed[i]) {
          continue;
        }
        kept[keptCount++] = ids[i];
        if (keptCount == kept.length) {
          break;
        }
        RandomVectorScorer fromKept = threadScores.scorer(ids[i]);
        for (int j = i + 1; j < count; j++) {
          if (!removed[j] && pruneAlpha * distance(fromKept.score(ids[j])) <= distances[j]) {
            removed[j] = true;
          }
        }
      }
      return keptCount == kept.length ? kept : Arrays.copyOf(kept, keptCount);
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
}
