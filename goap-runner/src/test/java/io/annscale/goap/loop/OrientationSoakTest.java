package io.annscale.goap.loop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.solr.SoakTrends;
import io.annscale.bench.solr.SolrSoak;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.Test;

/**
 * The OODA loop's leak and slide detectors on a soak's series: a heap rising faster than the plan's
 * 100 MB/h is a leak, QPS falling more than 10% of its mean per hour a slide, a flat series
 * neither, and a soak too short to tell says nothing. The heap's floor is judged, after full
 * collections where the soak forced them: a live heap that only rises with garbage is not a leak.
 */
public class OrientationSoakTest {
  @Test
  public void aRisingHeapIsALeakAndAFallingQpsASlide() {
    // an hour, a sample a minute: heap +150 MB/h, QPS 1,000 falling 200 per hour
    List<Finding> findings = Orientation.soakFindings(soak(60, 150e6, -1, -200));
    assertEquals(findings.toString(), 2, findings.size());
    assertTrue(
        findings.toString(), findings.get(0).toString().contains("heapFloorBytes rose 150 MB/h"));
    assertTrue(findings.toString(), findings.get(1).toString().contains("QPS fell"));
  }

  @Test
  public void aFlatSoakHasNoFinding() {
    assertEquals(List.of(), Orientation.soakFindings(soak(60, 20e6, -1, -30)));
  }

  @Test
  public void theFloorOfTheHeapAfterFullCollectionsIsJudgedWhereMeasured() {
    // the pools' last collections rise 500 MB/h, the heap after full collections stays level
    assertEquals(List.of(), Orientation.soakFindings(soak(60, 500e6, 10e6, 0)));
    // and the other way round: a rise after full collections is a leak however the pools look
    List<Finding> findings = Orientation.soakFindings(soak(60, 0, 150e6, 0));
    assertEquals(findings.toString(), 1, findings.size());
    assertTrue(
        findings.toString(), findings.get(0).toString().contains("heapFloorBytes rose 150 MB/h"));
  }

  @Test
  public void theSettledHeapIsJudgedWhereMeasured() {
    // every sample's heap and its floor rise 500 MB/h (merges in progress grow), but settled
    // before and after the hour the heap is the same: no leak
    assertEquals(
        List.of(), Orientation.soakFindings(soak(60, 500e6, 500e6, 0, 600_000_000L, 610_000_000L)));
    // settled, it grew 150 MB in the hour while the samples stayed level: a leak
    List<Finding> findings =
        Orientation.soakFindings(soak(60, 0, 0, 0, 600_000_000L, 750_000_000L));
    assertEquals(findings.toString(), 1, findings.size());
    assertTrue(
        findings.toString(),
        findings.get(0).toString().contains("settled heap after full collections rose 150 MB/h"));
  }

  @Test
  public void aSoakShorterThanTheSpanTellsNothing() {
    assertEquals(List.of(), Orientation.soakFindings(soak(5, 150e6, 150e6, -200)));
  }

  /**
   * {@code minutes} samples: heap from 1 GB at {@code heapPerHour}, the heap after full collections
   * from 0.8 GB at {@code fullPerHour} (not measured when negative), QPS from 1,000 at {@code
   * qpsPerHour}.
   */
  private static SolrSoak.Outcome soak(
      int minutes, double heapPerHour, double fullPerHour, double qpsPerHour) {
    return soak(minutes, heapPerHour, fullPerHour, qpsPerHour, -1, -1);
  }

  /** As above, with the settled heap before and after the soak (-1: not measured). */
  private static SolrSoak.Outcome soak(
      int minutes,
      double heapPerHour,
      double fullPerHour,
      double qpsPerHour,
      long settledBefore,
      long settledAfter) {
    List<SolrSoak.Sample> samples =
        IntStream.rangeClosed(1, minutes)
            .mapToObj(
                m ->
                    new SolrSoak.Sample(
                        m,
                        (long) (1e9 + heapPerHour * m / 60),
                        fullPerHour < 0 ? -1 : (long) (0.8e9 + fullPerHour * m / 60),
                        (long) 3e9,
                        400,
                        6,
                        1000 + qpsPerHour * m / 60,
                        900,
                        2_000,
                        0,
                        1000L * m))
            .toList();
    return new SolrSoak.Outcome(
        "diskann",
        "test",
        new SolrSoak.Settings(1000, minutes, 60, 100, 100, 1, 40, 0, fullPerHour >= 0),
        1,
        -1,
        -1,
        settledBefore,
        settledAfter,
        samples,
        SoakTrends.fit(samples),
        1000L * minutes,
        0,
        -1,
        -1);
  }
}
