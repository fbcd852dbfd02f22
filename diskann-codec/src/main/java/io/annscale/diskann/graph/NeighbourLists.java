package io.annscale.diskann.graph;

import java.util.Arrays;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * Every node's out-edges, each with its distance, while a Vamana graph is built by several threads.
 *
 * <p>Updates are optimistic, as JVector's {@code ConcurrentNeighborMap} compares and sets: a thread
 * reads a list with its version, prunes it without holding any lock (the expensive part: up to
 * {@code R x candidates} scores), and commits only if the version has not moved since; otherwise it
 * reads the list again and prunes anew. So a back-edge that another thread added in the meantime is
 * never overwritten unseen, which a plain read-prune-write loses. Lists are arrays updated in place
 * under a striped lock held only to copy or write them, not copied on every write: a build makes
 * about {@code R} list updates per node, and fresh arrays for each would be gigabytes of garbage
 * per million nodes.
 *
 * <p>A distance is kept with every edge so that pruning a full list scores only the candidates
 * against each other, not the node against its list again. Distances of seeded lists (a merge's
 * largest segment, read from disk without them) are {@code NaN} until a prune scores them.
 */
final class NeighbourLists {
  private static final int LOCK_STRIPES = 1 << 12;

  /** Heap bytes per node at a list capacity: ids, distances, degree, version, the two arrays. */
  static long bytesPerNode(int capacity) {
    return (long) capacity * (Integer.BYTES + Float.BYTES)
        + 2L * Integer.BYTES
        + 2L * (RamUsageEstimator.NUM_BYTES_ARRAY_HEADER + RamUsageEstimator.NUM_BYTES_OBJECT_REF);
  }

  /** What {@link #addIfRoom} did. */
  enum Added {
    /** The edge was there already. */
    PRESENT,
    /** The edge was appended. */
    ADDED,
    /** The list is full: the snapshot holds it, to be pruned with the new edge and committed. */
    FULL
  }

  /**
   * Sees every committed change, in each node's commit order; for tests of the concurrent build.
   */
  interface Listener {
    void added(int node, int neighbour);

    /** {@code node}'s list became {@code kept}, chosen by a prune from {@code candidates}. */
    void replaced(int node, int[] candidates, int candidateCount, int[] kept, int keptCount);
  }

  /** A list as read: its edges and the version to commit against. */
  static final class Snapshot {
    final int[] ids;
    final float[] distances;
    int degree;
    int version;

    Snapshot(int capacity) {
      ids = new int[capacity];
      distances = new float[capacity];
    }
  }

  private final int capacity;
  private final int[][] ids;
  private final float[][] distances;
  private final int[] degrees;
  private final int[] versions;
  private final Object[] locks = new Object[LOCK_STRIPES];
  private Listener listener;

  NeighbourLists(int size, int capacity) {
    this.capacity = capacity;
    this.ids = new int[size][];
    this.distances = new float[size][];
    this.degrees = new int[size];
    this.versions = new int[size];
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  void listener(Listener listener) {
    this.listener = listener;
  }

  int capacity() {
    return capacity;
  }

  /** Starts {@code node} with a list that came without distances. */
  void seed(int node, int[] list) {
    int degree = Math.min(list.length, capacity);
    ensure(node);
    System.arraycopy(list, 0, ids[node], 0, degree);
    Arrays.fill(distances[node], 0, degree, Float.NaN);
    degrees[node] = degree;
  }

  /** Copies the ids of {@code node}'s edges into {@code into}; returns how many. */
  int copyIds(int node, int[] into) {
    synchronized (lock(node)) {
      int degree = degrees[node];
      if (degree > 0) {
        System.arraycopy(ids[node], 0, into, 0, degree);
      }
      return degree;
    }
  }

  void read(int node, Snapshot into) {
    synchronized (lock(node)) {
      int degree = degrees[node];
      if (degree > 0) {
        System.arraycopy(ids[node], 0, into.ids, 0, degree);
        System.arraycopy(distances[node], 0, into.distances, 0, degree);
      }
      into.degree = degree;
      into.version = versions[node];
    }
  }

  /** Appends the edge if it is new and there is room; a full list is left in {@code snapshot}. */
  Added addIfRoom(int node, int neighbour, float distance, Snapshot snapshot) {
    synchronized (lock(node)) {
      int degree = degrees[node];
      int[] list = ids[node];
      for (int i = 0; i < degree; i++) {
        if (list[i] == neighbour) {
          return Added.PRESENT;
        }
      }
      if (degree < capacity) {
        ensure(node);
        ids[node][degree] = neighbour;
        distances[node][degree] = distance;
        degrees[node] = degree + 1;
        versions[node]++;
        if (listener != null) {
          listener.added(node, neighbour);
        }
        return Added.ADDED;
      }
      System.arraycopy(list, 0, snapshot.ids, 0, degree);
      System.arraycopy(distances[node], 0, snapshot.distances, 0, degree);
      snapshot.degree = degree;
      snapshot.version = versions[node];
      return Added.FULL;
    }
  }

  /**
   * Sets {@code node}'s list to the prune's result if nobody changed it since {@code version} was
   * read; returns false (and changes nothing) otherwise.
   */
  boolean replace(int node, int version, RobustPrune prune) {
    synchronized (lock(node)) {
      if (versions[node] != version) {
        return false;
      }
      int count = prune.keptCount();
      ensure(node);
      System.arraycopy(prune.keptIds(), 0, ids[node], 0, count);
      System.arraycopy(prune.keptDistances(), 0, distances[node], 0, count);
      degrees[node] = count;
      versions[node]++;
      if (listener != null) {
        listener.replaced(
            node, prune.candidateIds(), prune.candidateCount(), prune.keptIds(), count);
      }
      return true;
    }
  }

  /** The lists trimmed to their degrees; call once every writer is done. */
  int[][] toLists() {
    int[][] lists = new int[ids.length][];
    for (int node = 0; node < ids.length; node++) {
      lists[node] = ids[node] == null ? new int[0] : Arrays.copyOf(ids[node], degrees[node]);
    }
    return lists;
  }

  private void ensure(int node) {
    if (ids[node] == null) {
      ids[node] = new int[capacity];
      distances[node] = new float[capacity];
    }
  }

  private Object lock(int node) {
    return locks[node & (LOCK_STRIPES - 1)];
  }
}
