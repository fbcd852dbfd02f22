package io.annscale.bench.solr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.report.SoakCharts;
import io.annscale.bench.run.BenchmarkInputs;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.testutil.GeneratedDataSet;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A short soak on a local SolrCloud: every sample has each series measured, queries are answered
 * throughout while documents are re-indexed, recall holds, every series gets a trend, the charts
 * are written; and the trend fit recovers a known slope.
 */
public class SolrSoakTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void everySampleMeasuresEverySeriesWhileQueriesAndReindexingRun() throws Exception {
    int count = 1_200;
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), count, 16, 20);
    float[][] queries = BenchmarkInputs.readQueries(data.base(), data.queries());
    GroundTruth truth = GroundTruth.read(data.truth(), null);
    SolrSoak.Settings settings = new SolrSoak.Settings(count, 0.1, 2, 300, 100, 1, 40, 120, true);
    StringWriter log = new StringWriter();
    SolrSoak.Outcome outcome;
    try (LocalSolrCloud cluster = LocalSolrCloud.start(2, tmp.newFolder().toPath())) {
      outcome =
          SolrSoak.run(
              cluster,
              VectorFormatChoice.DISKANN,
              null,
              data.base(),
              queries,
              truth,
              settings,
              Metric.EUCLIDEAN,
              new PrintWriter(log, true));
    }
    String context = log.toString();
    assertEquals(context, 3, outcome.samples().size());
    for (SolrSoak.Sample sample : outcome.samples()) {
      assertTrue(context, sample.liveHeapBytes() > 0);
      assertTrue(context, sample.heapAfterFullCollectionBytes() > 0);
      assertTrue(context, sample.residentBytes() > sample.liveHeapBytes() / 2);
      assertTrue(context, sample.openFiles() > 0);
      assertTrue(context, sample.segments() >= 2);
      assertTrue(context, sample.qps() > 0);
      assertTrue(context, sample.p99Micros() >= sample.p50Micros() && sample.p50Micros() > 0);
      assertEquals(context, 0, sample.failedQueries());
    }
    // loaded and committed, a DiskANN collection of 1,200 has its merges settled within the wait
    assertTrue(context, outcome.settleSeconds() >= 0);
    assertTrue(context, outcome.settleAfterSeconds() >= 0);
    assertTrue(context, outcome.heapSettledBeforeBytes() > 0);
    assertTrue(context, outcome.heapSettledAfterBytes() > 0);
    assertEquals(context, SolrSoak.SETTLED_HEAP, outcome.heapGrowth().measure());
    assertTrue(context, outcome.acknowledged() > 0);
    assertEquals(context, 0, outcome.failedQueries());
    assertTrue(context, outcome.recallBefore() >= 0.95);
    assertTrue(context, outcome.recallAfter() >= 0.95);
    assertEquals(
        context,
        List.of(
            "liveHeapBytes",
            "heapAfterFullCollectionBytes",
            "heapFloorBytes",
            "residentBytes",
            "openFiles",
            "segments",
            "qps",
            "p99Micros"),
        outcome.trends().stream().map(SoakTrends.Trend::metric).toList());
    for (Path chart : SoakCharts.write(outcome, tmp.newFolder().toPath())) {
      assertTrue(chart.toString(), Files.size(chart) > 1_000);
    }
  }

  @Test
  public void theTrendOfALinearSeriesIsItsSlope() {
    // heap rising 60 MB per hour from 100 MB, QPS falling 10 per hour from 1,000, one sample a
    // minute
    List<SolrSoak.Sample> samples =
        java.util.stream.IntStream.rangeClosed(1, 30)
            .mapToObj(m -> sample(m, 100_000_000L + m * 1_000_000L, -1, 1000 - m / 6.0))
            .toList();
    List<SoakTrends.Trend> trends = SoakTrends.fit(samples);
    assertEquals(60e6, SoakTrends.named(trends, "liveHeapBytes").slopePerHour(), 1e-3);
    assertEquals(-10, SoakTrends.named(trends, "qps").slopePerHour(), 1e-9);
    assertEquals(0, SoakTrends.named(trends, "openFiles").slopePerHour(), 0);
    // resident memory was never measured: no trend rather than a line through -1s
    assertEquals(null, SoakTrends.named(trends, "residentBytes"));
    // nor a heap after full collections: the floor is the pools' heap's, on a line its slope
    assertEquals("heapFloorBytes", SoakTrends.heap(trends).metric());
    assertEquals(60e6, SoakTrends.heap(trends).slopePerHour(), 1e-3);
    assertEquals(0, SoakTrends.heap(trends).slopeStandardError(), 1e-3);
    assertEquals(SoakTrends.FLOOR_SPANS, SoakTrends.heap(trends).samples());
    assertEquals(
        -10 / SoakTrends.named(trends, "qps").mean(),
        SoakTrends.named(trends, "qps").relativeSlopePerHour(),
        1e-12);
  }

  @Test
  public void theHeapsFloorIgnoresWhatMergesHoldForAWhile() {
    // an hour, a sample a minute, 500 MB held for good; in the second half every third minute
    // also 900 MB of a merge in progress: every sample's line rises, the floor stays level
    List<SolrSoak.Sample> samples =
        java.util.stream.IntStream.rangeClosed(1, 60)
            .mapToObj(
                m -> sample(m, -1, 500_000_000L + (m > 30 && m % 3 == 0 ? 900_000_000L : 0), 1000))
            .toList();
    List<SoakTrends.Trend> trends = SoakTrends.fit(samples);
    SoakTrends.Trend everySample = SoakTrends.named(trends, "heapAfterFullCollectionBytes");
    assertTrue(everySample.describe(), everySample.slopePerHour() > 300e6);
    SoakTrends.Trend floor = SoakTrends.heap(trends);
    assertEquals("heapFloorBytes", floor.metric());
    assertEquals(floor.describe(), 0, floor.slopePerHour(), 1e-3);
    assertEquals(500e6, floor.mean(), 1e-3);
  }

  /** A sample at {@code minute}: the given heaps and QPS, the other series at fixed values. */
  private static SolrSoak.Sample sample(
      double minute, long liveHeap, long heapAfterFullCollection, double qps) {
    return new SolrSoak.Sample(
        minute, liveHeap, heapAfterFullCollection, -1, 50, 4, qps, 900, 2000, 0, (long) minute);
  }
}
