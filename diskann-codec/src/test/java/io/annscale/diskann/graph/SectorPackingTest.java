package io.annscale.diskann.graph;

import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.tests.util.LuceneTestCase;

public class SectorPackingTest extends LuceneTestCase {
  public void testOrderIsAPermutationStartingAtTheEntryWithNeighboursInTheSameSector() {
    Random random = new Random(random().nextLong());
    int size = 1 + random.nextInt(2000);
    int[][] lists = new int[size][];
    for (int node = 0; node < size; node++) {
      // a ring keeps every node reachable; plus random edges
      int degree = 1 + random.nextInt(8);
      lists[node] = new int[degree];
      lists[node][0] = (node + 1) % size;
      for (int i = 1; i < degree; i++) {
        lists[node][i] = random.nextInt(size);
      }
    }
    int entry = random.nextInt(size);
    int perSector = 1 + random.nextInt(10);
    int[] ordAt = SectorPacking.order(new VamanaGraph(entry, lists), perSector);
    assertEquals(entry, ordAt[0]);
    int[] sorted = ordAt.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < size; i++) {
      assertEquals("a permutation", i, sorted[i]);
    }
    int[] positionOf = SectorPacking.invert(ordAt);
    for (int position = 0; position < size; position++) {
      assertEquals(position, positionOf[ordAt[position]]);
    }
    // the entry's sector is filled with its own neighbours first
    int slots = Math.min(perSector, size);
    long entryNeighboursInSector =
        Arrays.stream(ordAt, 1, slots)
            .filter(n -> Arrays.stream(lists[entry]).anyMatch(m -> m == n))
            .count();
    long distinctNeighbours =
        Arrays.stream(lists[entry]).filter(n -> n != entry).distinct().count();
    assertEquals(Math.min(distinctNeighbours, slots - 1), entryNeighboursInSector);
  }

  public void testUnreachableNodesFollow() {
    int[][] lists = {{1}, {0}, {}, {2}};
    int[] ordAt = SectorPacking.order(new VamanaGraph(0, lists), 2);
    assertArrayEquals(new int[] {0, 1, 2, 3}, ordAt);
  }
}
