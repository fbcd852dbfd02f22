package io.annscale.bench.truth;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class RecallTest {
  private static final GroundTruth TRUTH =
      new GroundTruth(new int[][] {{1, 2, 3, 4}}, new float[][] {{0.1f, 0.2f, 0.3f, 0.3f}});

  @Test
  public void exactMatchIsOne() {
    assertEquals(1.0, Recall.of(TRUTH, new int[][] {{3, 2, 1}}, null, 3).mean(), 0);
  }

  @Test
  public void tieAtTheKthDistanceCountsOnlyWhenDistancesAreKnown() {
    // id 4 ties with id 3 at the 3rd distance: a correct 3rd neighbour, but only distances can
    // tell.
    int[][] result = {{1, 2, 4}};
    assertEquals(2 / 3.0, Recall.of(TRUTH, result, null, 3).mean(), 1e-12);
    assertEquals(1.0, Recall.of(TRUTH, result, new float[][] {{0.1f, 0.2f, 0.3f}}, 3).mean(), 0);
    // a farther vector never counts
    assertEquals(
        2 / 3.0,
        Recall.of(TRUTH, new int[][] {{1, 2, 9}}, new float[][] {{0.1f, 0.2f, 0.31f}}, 3).mean(),
        1e-12);
  }

  @Test
  public void duplicatesAndShortListsAreMisses() {
    Recall r = Recall.of(TRUTH, new int[][] {{1, 1, 1}}, null, 3);
    assertEquals(1 / 3.0, r.mean(), 1e-12);
    assertArrayEquals(
        new double[] {0.5}, Recall.of(TRUTH, new int[][] {{2, 1}}, null, 4).perQuery(), 1e-12);
  }

  @Test
  public void kBeyondTheTruthIsRejected() {
    assertEquals(
        "k=5: must be in [1, 4], the ground truth's depth",
        assertThrows(
                IllegalArgumentException.class, () -> Recall.of(TRUTH, new int[][] {{1}}, null, 5))
            .getMessage());
  }
}
