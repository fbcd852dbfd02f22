package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.Test;

/**
 * The query patterns do what they say: uniform covers every query, zipf is skewed, burst is open
 * loop.
 */
public class TimedClientsTest {

  @Test
  public void uniformRunsEveryQueryAndZipfConcentratesOnAFewHotOnes() throws Exception {
    int n = 200;
    AtomicIntegerArray uniform = new AtomicIntegerArray(n);
    TimedClients.run(n, 2, 0.2, QueryPattern.UNIFORM, uniform::incrementAndGet);
    for (int q = 0; q < n; q++) {
      assertTrue("query " + q + " never ran", uniform.get(q) > 0);
    }

    AtomicIntegerArray zipf = new AtomicIntegerArray(n);
    TimedClients.Outcome outcome =
        TimedClients.run(n, 2, 0.2, QueryPattern.parse("zipf:1.2"), zipf::incrementAndGet);
    int hottest = new ZipfSampler(n, 1.2, 42).hottest();
    int max = 0;
    for (int q = 0; q < n; q++) {
      max = Math.max(max, zipf.get(q));
    }
    assertEquals("the hottest query is the one drawn most", max, zipf.get(hottest));
    // with s = 1.2 over 200 ranks, rank 1 has about 24% of the mass
    assertTrue(
        "hottest share " + (double) max / outcome.queriesRun(), max > 0.15 * outcome.queriesRun());
  }

  @Test
  public void burstIsOpenLoopAndCountsQueueingInTheLatency() throws Exception {
    // fast enough: ~100 queries over ~0.5 s, latencies near the service time
    TimedClients.Outcome easy =
        TimedClients.run(10, 1, 0, QueryPattern.parse("burst:200:0.5"), q -> Thread.sleep(1));
    assertEquals(100, easy.queriesRun());
    assertTrue(
        "p50 " + easy.latencyMicros().getValueAtPercentile(50),
        easy.latencyMicros().getValueAtPercentile(50) < 20_000);

    // twice the rate one client can serve: queries wait for their turn, and that wait is in the
    // percentiles
    TimedClients.Outcome overloaded =
        TimedClients.run(10, 1, 0, QueryPattern.parse("burst:200:0.5"), q -> Thread.sleep(10));
    assertEquals(100, overloaded.queriesRun());
    assertTrue(
        "p99 " + overloaded.latencyMicros().getValueAtPercentile(99),
        overloaded.latencyMicros().getValueAtPercentile(99) > 200_000);
  }

  @Test
  public void badPatternsNameTheAcceptedForms() {
    for (String bad :
        new String[] {"zipf", "zipf:-1", "burst:10", "burst:0:5", "poisson", "uniform:3"}) {
      IllegalArgumentException e =
          assertThrows(bad, IllegalArgumentException.class, () -> QueryPattern.parse(bad));
      assertTrue(
          e.getMessage(),
          e.getMessage().contains("--query-pattern " + bad)
              && e.getMessage().contains("burst:RATE:SECONDS"));
    }
  }
}
