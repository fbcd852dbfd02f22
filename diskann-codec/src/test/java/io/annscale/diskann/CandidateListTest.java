package io.annscale.diskann;

import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/** The beam search's list: order, capacity, and which nodes count as holding a place. */
public class CandidateListTest extends LuceneTestCase {
  private static final Bits NONE_READ = new Bits.MatchNoBits(100);
  private static final float NO_LIMIT = Float.POSITIVE_INFINITY;

  /** Candidates beyond the distance limit stay in the list, unexpanded, until the limit allows. */
  public void testTakesNoCandidateBeyondTheLimit() {
    CandidateList list = new CandidateList(4);
    for (int id = 0; id < 4; id++) {
      list.offer(id, id);
    }
    int[] round = new int[4];
    assertEquals(2, list.takeUnexpanded(round, NONE_READ, 1.5f));
    assertArrayEquals(new int[] {0, 1, 0, 0}, round);
    assertEquals(0, list.takeUnexpanded(round, NONE_READ, 1.5f));
    assertEquals(2, list.takeUnexpanded(round, NONE_READ, NO_LIMIT));
    assertEquals(2, round[0]);
    assertEquals(3, round[1]);
  }

  public void testKeepsTheClosestInOrderAndDropsTheFarthest() {
    CandidateList list = new CandidateList(3);
    list.offer(10, 3f);
    list.offer(11, 1f);
    list.offer(12, 2f);
    list.offer(13, 4f); // full of closer ones: dropped
    list.offer(14, 0.5f); // pushes out 10
    int[] taken = new int[5];
    assertEquals(3, list.takeUnexpanded(taken, NONE_READ, NO_LIMIT));
    assertArrayEquals(new int[] {14, 11, 12, 0, 0}, taken);
    assertEquals(0, list.takeUnexpanded(taken, NONE_READ, NO_LIMIT));
  }

  /**
   * A node holds a place whether it is still waiting or was taken in this round and not read yet (a
   * filtered-out one must then widen the list); one never listed, or pushed out by closer ones,
   * holds none.
   */
  public void testTakenAndWaitingNodesAreHeldPushedOutAreNot() {
    CandidateList list = new CandidateList(4);
    for (int id = 0; id < 4; id++) {
      list.offer(id, id);
    }
    int[] round = new int[2];
    assertEquals(2, list.takeUnexpanded(round, NONE_READ, NO_LIMIT));
    assertTrue(list.holds(1)); // taken this round
    assertTrue(list.holds(3)); // waiting
    assertFalse(list.holds(7));
    list.offer(8, -2f);
    list.offer(9, -1f);
    assertFalse(list.holds(3)); // waiting, then pushed out
    assertFalse(list.holds(2));
    assertTrue(list.holds(1));
    list.offer(10, -3f);
    assertFalse(list.holds(1)); // taken this round, then pushed out
  }

  /**
   * A waiting node whose block was read with a sector-mate's is expanded already: it takes no slot
   * of the beam.
   */
  public void testNodesAlreadyReadAreSkippedNotTaken() {
    CandidateList list = new CandidateList(5);
    for (int id = 0; id < 5; id++) {
      list.offer(id, id);
    }
    FixedBitSet read = new FixedBitSet(5);
    read.set(1);
    read.set(2);
    int[] round = new int[2];
    assertEquals(2, list.takeUnexpanded(round, read, NO_LIMIT));
    assertArrayEquals(new int[] {0, 3}, round);
    assertEquals(1, list.takeUnexpanded(round, read, NO_LIMIT));
    assertEquals(4, round[0]);
    assertEquals(0, list.takeUnexpanded(round, read, NO_LIMIT));
    assertTrue(list.holds(1)); // skipped, but still holds its place
  }

  /** A node read after the round that passed it over is skipped by the next round. */
  public void testNodeReadPastTheLastTakenSlotIsSkippedLater() {
    CandidateList list = new CandidateList(4);
    for (int id = 0; id < 4; id++) {
      list.offer(id, id);
    }
    FixedBitSet read = new FixedBitSet(4);
    int[] round = new int[1];
    assertEquals(1, list.takeUnexpanded(round, read, NO_LIMIT));
    assertEquals(0, round[0]);
    read.set(1); // read with node 0's sector
    assertEquals(1, list.takeUnexpanded(round, read, NO_LIMIT));
    assertEquals(2, round[0]);
    assertEquals(1, list.takeUnexpanded(round, read, NO_LIMIT));
    assertEquals(3, round[0]);
    assertEquals(0, list.takeUnexpanded(round, read, NO_LIMIT));
  }

  public void testWidenMakesRoomForOneMore() {
    CandidateList list = new CandidateList(2);
    list.offer(0, 0f);
    list.offer(1, 1f);
    list.widen();
    list.offer(2, 2f);
    int[] taken = new int[3];
    assertEquals(3, list.takeUnexpanded(taken, NONE_READ, NO_LIMIT));
  }
}
