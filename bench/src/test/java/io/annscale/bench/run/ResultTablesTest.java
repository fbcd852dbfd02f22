package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

public class ResultTablesTest {
  private static SearchRecord record(int fanout, double recall, double qps) {
    return record("f", fanout, recall, qps, 0);
  }

  private static SearchRecord record(
      String format, int fanout, double recall, double qps, long vectorHeapBytes) {
    return new SearchRecord(
        format,
        fanout,
        1,
        10,
        100,
        100,
        qps,
        0,
        0,
        0,
        0,
        0,
        0,
        recall,
        recall,
        recall,
        -1,
        0,
        0,
        List.of(qps),
        0,
        0,
        vectorHeapBytes);
  }

  private static final long VECTORS = 10_000_000;

  private static BuildRecord build(
      VectorFormatChoice format, double bytesPerVector, double hotBytesPerVector) {
    BuildKey key = new BuildKey(null, 0, 0, VECTORS, null, format, 16, 100, 0, null);
    return new BuildRecord(
        key,
        1,
        1,
        2,
        (long) (bytesPerVector * VECTORS),
        (long) (hotBytesPerVector * VECTORS),
        bytesPerVector,
        hotBytesPerVector,
        false,
        1);
  }

  /**
   * The last column (resident ratio) of diskann's row in the table against the baseline, printed
   * last.
   */
  private static String residentRatio(List<BuildRecord> builds, List<SearchRecord> searches) {
    RunParameters p =
        new RunParameters(
            null,
            null,
            null,
            null,
            null,
            VECTORS,
            List.of(),
            16,
            100,
            0,
            0,
            List.of(50, 100),
            List.of(1),
            10,
            1,
            1,
            0,
            0.95,
            null,
            false,
            16,
            1,
            null);
    StringWriter text = new StringWriter();
    ResultTables.print(
        new EmbeddedBenchmark.Result(null, p, builds, searches), new PrintWriter(text));
    String row = null;
    for (String line : text.toString().split("\\R")) {
      if (line.startsWith("| diskann | 1 | ")) {
        row = line;
      }
    }
    String[] cells = row.split("\\|");
    return cells[cells.length - 1].trim();
  }

  @Test
  public void residentRatioTakesTheBaselinesHeapFromItsOwnSearchesWhenItMissesTheTarget() {
    // lucene-hnsw never reaches 0.95; diskann does, with 540,598,160 bytes of reader heap over 10M
    // vectors
    BuildRecord baseline = build(VectorFormatChoice.LUCENE_HNSW, 500, 448.7);
    BuildRecord diskann = build(VectorFormatChoice.DISKANN, 100, 0);
    List<SearchRecord> searches =
        List.of(
            record("lucene-hnsw", 50, 0.90, 3000, -1),
            record("lucene-hnsw", 100, 0.93, 2000, -1),
            record("diskann", 50, 0.94, 2500, 540_598_160),
            record("diskann", 100, 0.96, 1500, 540_598_160));
    String expected = String.format(Locale.ROOT, "%.3f", 54.0598160 / 448.7);
    assertEquals("0.120", expected);
    assertEquals(expected, residentRatio(List.of(baseline, diskann), searches));
    // no baseline search at all: its hot bytes alone
    List<SearchRecord> diskannOnly = searches.subList(2, 4);
    assertEquals(expected, residentRatio(List.of(baseline, diskann), diskannOnly));
  }

  @Test
  public void qpsAtTargetInterpolatesLogQpsBetweenTheSettingsAroundIt() {
    List<SearchRecord> curve =
        List.of(record(10, 0.90, 4000), record(20, 0.94, 2000), record(40, 0.98, 1000));
    // halfway from 0.94 to 0.98 in recall: the geometric mean of 2000 and 1000
    assertEquals(
        Math.sqrt(2000 * 1000.0),
        ResultTables.qpsAtTarget(curve, "f", 1, 0.96).getAsDouble(),
        1e-6);
    assertEquals(2000, ResultTables.qpsAtTarget(curve, "f", 1, 0.94).getAsDouble(), 1e-6);
    // above target from the smallest fanout on: the best measured
    assertEquals(4000, ResultTables.qpsAtTarget(curve, "f", 1, 0.5).getAsDouble(), 1e-6);
    assertTrue(ResultTables.qpsAtTarget(curve, "f", 1, 0.99).isEmpty());
    assertTrue(ResultTables.qpsAtTarget(curve, "other", 1, 0.9).isEmpty());
  }
}
