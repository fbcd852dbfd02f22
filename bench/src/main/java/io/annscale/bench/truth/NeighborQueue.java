package io.annscale.bench.truth;

/**
 * The {@code k} nearest candidates seen so far for one query: a binary max-heap on (distance, id)
 * in two primitive arrays, so the worst kept candidate is at the root and a rejected candidate
 * costs one comparison. Ties on distance keep the smaller id, which makes exact results independent
 * of thread and block order.
 */
final class NeighborQueue {
  private final float[] distances;
  private final int[] ids;
  private int size;

  NeighborQueue(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    distances = new float[k];
    ids = new int[k];
  }

  /**
   * Distance a new candidate must beat (or tie with a smaller id) to enter; +inf while not full.
   */
  float worstDistance() {
    return size < distances.length ? Float.POSITIVE_INFINITY : distances[0];
  }

  void offer(float distance, int id) {
    if (size < distances.length) {
      distances[size] = distance;
      ids[size] = id;
      siftUp(size++);
    } else if (worse(distances[0], ids[0], distance, id)) {
      distances[0] = distance;
      ids[0] = id;
      siftDown(0);
    }
  }

  int size() {
    return size;
  }

  /** Writes the kept candidates nearest first into the arrays; leaves this queue empty. */
  void drainSorted(int[] idsOut, float[] distancesOut) {
    for (int i = size - 1; i >= 0; i--) {
      idsOut[i] = ids[0];
      distancesOut[i] = distances[0];
      size--;
      distances[0] = distances[size];
      ids[0] = ids[size];
      siftDown(0);
    }
  }

  /** True when (d1, id1) ranks after (d2, id2). */
  private static boolean worse(float d1, int id1, float d2, int id2) {
    return d1 > d2 || (d1 == d2 && id1 > id2);
  }

  private void siftUp(int i) {
    float d = distances[i];
    int id = ids[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(d, id, distances[parent], ids[parent])) {
        break;
      }
      distances[i] = distances[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    distances[i] = d;
    ids[i] = id;
  }

  private void siftDown(int i) {
    float d = distances[i];
    int id = ids[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && worse(distances[child + 1], ids[child + 1], distances[child], ids[child])) {
        child++;
      }
      if (!worse(distances[child], ids[child], d, id)) {
        break;
      }
      distances[i] = distances[child];
      ids[i] = ids[child];
      i = child;
    }
    distances[i] = d;
    ids[i] = id;
  }
}
