package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class ResultTablesTest {
  private static SearchRecord record(int fanout, double recall, double qps) {
    return new SearchRecord(
        "f", fanout, 1, 10, 100, 100, qps, 0, 0, 0, 0, 0, 0, recall, recall, recall, -1, 0, 0, List.of(qps), 0, 0, 0);
  }

  @Test
  public void qpsAtTargetInterpolatesLogQpsBetweenTheSettingsAroundIt() {
    List<SearchRecord> curve = List.of(record(10, 0.90, 4000), record(20, 0.94, 2000), record(40, 0.98, 1000));
    // halfway from 0.94 to 0.98 in recall: the geometric mean of 2000 and 1000
    assertEquals(Math.sqrt(2000 * 1000.0), ResultTables.qpsAtTarget(curve, "f", 1, 0.96).getAsDouble(), 1e-6);
    assertEquals(2000, ResultTables.qpsAtTarget(curve, "f", 1, 0.94).getAsDouble(), 1e-6);
    // above target from the smallest fanout on: the best measured
    assertEquals(4000, ResultTables.qpsAtTarget(curve, "f", 1, 0.5).getAsDouble(), 1e-6);
    assertTrue(ResultTables.qpsAtTarget(curve, "f", 1, 0.99).isEmpty());
    assertTrue(ResultTables.qpsAtTarget(curve, "other", 1, 0.9).isEmpty());
  }
}
