package io.annscale.bench.solr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.SolrCloudRecords;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.testutil.GeneratedDataSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The benchmark against Solr nodes deployed as an install runs them: each node a JVM of its own
 * whose classpath has Solr but not annscale, the plugin jar in its solr home's lib/, ZooKeeper in
 * the first node. Stock {@code {!knn}} (Lucene HNSW) and {@code {!annknn}} (DiskANN) collections
 * are ingested, settle (merges seen through Solr's metrics, index directories through CoreAdmin),
 * and are searched to recall against exact ground truth, with the trivial query timed beside.
 */
public class ForkedSolrCloudTest {
  private static final int COUNT = 3_000;

  /** A JVM option given to every node, as SOLR_OPTS would be. */
  private static final String NODE_OPTION = "-Dannscale.test.nodeOption=on";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void nodesInTheirOwnJvmsServeStockAndAnnscaleCollections() throws Exception {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, 32, 50);
    List<VectorFormatChoice> formats =
        List.of(VectorFormatChoice.LUCENE_HNSW, VectorFormatChoice.DISKANN);
    RunParameters parameters =
        data.quickRun(COUNT, formats, List.of(10, 100), List.of(1, 2), tmp.newFolder().toPath());
    Path clusterDir = tmp.newFolder().toPath();
    SolrCloudParameters solr =
        new SolrCloudParameters(
            2,
            false,
            "512m",
            List.of(NODE_OPTION),
            null,
            2,
            1,
            500,
            2,
            1,
            false,
            false,
            "rewrite",
            true,
            null,
            clusterDir,
            List.of(),
            List.of());
    StringWriter log = new StringWriter();
    EmbeddedBenchmark.Result result;
    try (ForkedSolrCloud cluster =
        ForkedSolrCloud.start(2, clusterDir, "512m", solr.nodeOptions())) {
      assertTrue(cluster.describe(), cluster.describe().contains("2 nodes in their own JVMs"));
      assertTrue(cluster.describe(), cluster.describe().contains(NODE_OPTION));
      assertTrue("node processes are resident", cluster.nodesResidentBytes() > 0);
      result = new SolrCloudBenchmark(parameters, solr, cluster, new PrintWriter(log, true)).run();
      for (VectorFormatChoice format : formats) {
        String collection = "bench_" + format.cliName().replace('-', '_');
        assertEquals(
            collection + ": merges reported by every core's metrics, none running",
            0,
            cluster.runningMerges(collection));
        assertEquals(
            collection + ": one index directory per shard leader",
            2,
            cluster.localIndexDirectories(collection).size());
      }
      for (Path file : cluster.logFiles()) {
        assertTrue(file + " exists", Files.exists(file));
      }
    }
    String context = "\n" + log;
    SolrCloudRecords records = result.solrCloud();
    assertEquals(context, formats.size(), records.ingests().size());
    for (SolrCloudRecords.IngestRecord ingest : records.ingests()) {
      assertEquals(context, COUNT, ingest.documents());
      assertTrue("merges settled: " + context, ingest.settledSeconds() >= 0);
      assertEquals("segments of both shard leaders" + context, 2, ingest.leaderSegments().size());
      assertTrue(context, ingest.leaderSegments().stream().allMatch(n -> n >= 1));
      assertEquals(context, 0, ingest.failedQueries());
    }
    for (BuildRecord build : result.builds()) {
      assertTrue(context, build.indexBytes() > 0);
    }
    for (SearchRecord search : result.searches()) {
      assertTrue(context, search.qps() > 0);
      assertTrue("the nodes' resident set" + context, search.residentBytes() > 0);
      assertEquals("no heap figure for other processes" + context, -1, search.heapUsedBytes());
      if (search.fanout() == 100) {
        assertTrue(
            search.format() + " recall@10 " + search.recall() + context, search.recall() >= 0.95);
      }
    }
    assertEquals(context, formats.size() * 2, records.trivialQueries().size());
    for (SolrCloudRecords.TrivialQueryRecord trivial : records.trivialQueries()) {
      assertTrue(context, trivial.qps() > 0 && trivial.p99Micros() >= trivial.p50Micros());
    }
  }
}
