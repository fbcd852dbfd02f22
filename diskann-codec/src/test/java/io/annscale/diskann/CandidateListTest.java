package io.annscale.diskann;

import org.apache.lucene.tests.util.LuceneTestCase;

/** The beam search's list: order, capacity, and which nodes count as holding a place. */
public class CandidateListTest extends LuceneTestCase {

  public void testKeepsTheClosestInOrderAndDropsTheFarthest() {
    CandidateList list = new CandidateList(3);
    list.offer(10, 3f);
    list.offer(11, 1f);
    list.offer(12, 2f);
    list.offer(13, 4f); // full of closer ones: dropped
    list.offer(14, 0.5f); // pushes out 10
    int[] taken = new int[5];
    assertEquals(3, list.takeUnexpanded(taken));
    assertArrayEquals(new int[] {14, 11, 12, 0, 0}, taken);
    assertEquals(0, list.takeUnexpanded(taken));
  }

  /**
   * A node read with another's sector holds a place whether it is still waiting or was taken in this round and
   * not read yet (a filtered-out one must then widen the list); a node not in the list holds none.
   */
  public void testTakenAndWaitingNodesAreListed() {
    CandidateList list = new CandidateList(4);
    for (int id = 0; id < 4; id++) {
      list.offer(id, id);
    }
    int[] round = new int[2];
    assertEquals(2, list.takeUnexpanded(round));
    assertTrue(list.markExpandedIfListed(1)); // taken this round
    assertTrue(list.markExpandedIfListed(3)); // waiting: now expanded, never taken
    assertFalse(list.markExpandedIfListed(7));
    int[] next = new int[4];
    assertEquals(1, list.takeUnexpanded(next));
    assertEquals(2, next[0]);
  }

  public void testWidenMakesRoomForOneMore() {
    CandidateList list = new CandidateList(2);
    list.offer(0, 0f);
    list.offer(1, 1f);
    list.widen();
    list.offer(2, 2f);
    int[] taken = new int[3];
    assertEquals(3, list.takeUnexpanded(taken));
  }
}
