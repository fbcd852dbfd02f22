package io.annscale.diskann;

import java.util.Arrays;
import org.apache.lucene.util.Bits;

/**
 * The beam search's list: candidates sorted by PQ distance, closest first, each marked once
 * expanded; holds at most {@code capacity} and drops the farthest on overflow. Insertion is a shift
 * in small arrays (L ~ 100), which beats a heap here because every round scans the front for
 * unexpanded entries anyway.
 */
final class CandidateList {
  private int[] ids;
  private float[] distances;
  private boolean[] expanded;
  private int capacity;
  private int count;

  /** No unexpanded candidate sits before this index. */
  private int firstUnexpanded;

  CandidateList(int capacity) {
    this.capacity = capacity;
    this.ids = new int[capacity];
    this.distances = new float[capacity];
    this.expanded = new boolean[capacity];
  }

  /** Adds the candidate unless the list is full of closer ones. */
  void offer(int id, float distance) {
    if (count == capacity && distance >= distances[count - 1]) {
      return;
    }
    int at = Arrays.binarySearch(distances, 0, count, distance);
    at = at < 0 ? -at - 1 : at;
    int moved = Math.min(count, capacity - 1) - at;
    if (moved > 0) {
      System.arraycopy(ids, at, ids, at + 1, moved);
      System.arraycopy(distances, at, distances, at + 1, moved);
      System.arraycopy(expanded, at, expanded, at + 1, moved);
    }
    ids[at] = id;
    distances[at] = distance;
    expanded[at] = false;
    count = Math.min(count + 1, capacity);
    firstUnexpanded = Math.min(firstUnexpanded, at);
  }

  /**
   * Takes up to {@code into.length} of the closest unexpanded candidates no farther than {@code
   * maxDistance}, marking them expanded, and returns how many. Candidates whose block was already
   * read (with a sector-mate's) are marked expanded on the way without being taken, so they cost no
   * slot of the beam.
   */
  int takeUnexpanded(int[] into, Bits alreadyRead, float maxDistance) {
    while (firstUnexpanded < count && expanded[firstUnexpanded]) {
      firstUnexpanded++;
    }
    int taken = 0;
    for (int i = firstUnexpanded;
        i < count && taken < into.length && distances[i] <= maxDistance;
        i++) {
      if (!expanded[i]) {
        expanded[i] = true;
        if (!alreadyRead.get(ids[i])) {
          into[taken++] = ids[i];
        }
      }
    }
    return taken;
  }

  /**
   * Whether {@code id} holds a place in the list, waiting or expanded. A scan of L ~ 100 ids: the
   * search asks only for filtered-out nodes read with another's sector, to decide whether the list
   * must widen.
   */
  boolean holds(int id) {
    for (int i = 0; i < count; i++) {
      if (ids[i] == id) {
        return true;
      }
    }
    return false;
  }

  /**
   * One more slot: a filtered-out node was expanded, and should not cost an accepted candidate its
   * place.
   */
  void widen() {
    capacity++;
    if (capacity > ids.length) {
      int grown = Math.max(capacity, ids.length + (ids.length >> 1));
      ids = Arrays.copyOf(ids, grown);
      distances = Arrays.copyOf(distances, grown);
      expanded = Arrays.copyOf(expanded, grown);
    }
  }
}
