package io.annscale.bench.solr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
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
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The benchmark's SolrCloud target end to end on a local cluster (real Solr nodes, real ZooKeeper):
 * every SolrCloud-capable format is ingested through SolrJ with NRT commits while a client queries,
 * measured against exact ground truth (and, with a filter query keeping 10% of the documents,
 * against the exact top 10 of what it keeps), loaded (closed loops, then an open loop at half their
 * peak), and migrated (SPLITSHARD, MOVEREPLICA) with the documents and recall checked afterwards.
 */
public class SolrCloudBenchmarkTest {
  private static final int COUNT = 3_000;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void localClusterIngestsQueriesAndMigratesEveryFormat() throws Exception {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), COUNT, 32, 50);
    List<VectorFormatChoice> formats =
        List.of(
            VectorFormatChoice.LUCENE_HNSW,
            VectorFormatChoice.PQ8_HNSW,
            VectorFormatChoice.DISKANN);
    RunParameters parameters =
        data.quickRun(COUNT, formats, List.of(10, 100), List.of(1, 2), tmp.newFolder().toPath());
    SolrCloudParameters solr =
        new SolrCloudParameters(
            2,
            true,
            null,
            List.of(),
            null,
            2,
            1,
            500,
            2,
            1,
            false,
            true,
            "rewrite",
            false,
            null,
            tmp.newFolder().toPath(),
            List.of(10),
            List.of(1, 4));
    StringWriter log = new StringWriter();
    EmbeddedBenchmark.Result result;
    try (LocalSolrCloud cluster = LocalSolrCloud.start(2, solr.clusterDir())) {
      result = new SolrCloudBenchmark(parameters, solr, cluster, new PrintWriter(log, true)).run();
    }
    String context = "\n" + log;
    assertTrue(result.target(), result.target().startsWith("local SolrCloud, 2 nodes"));
    SolrCloudRecords records = result.solrCloud();
    assertNotNull(records);
    assertEquals(context, 3, records.ingests().size());
    for (SolrCloudRecords.IngestRecord ingest : records.ingests()) {
      assertEquals(context, COUNT, ingest.documents());
      assertTrue(context, ingest.docsPerSecond() > 0);
      assertTrue(context, ingest.queriesDuringIngest() > 0);
      assertEquals(context, 0, ingest.failedQueries());
      assertTrue(context, ingest.searchableSeconds() >= 0);
      assertTrue(
          context,
          0 < ingest.updateP50Micros()
              && ingest.updateP50Micros() <= ingest.updateP99Micros()
              && ingest.updateP99Micros() <= ingest.updateMaxMicros());
      assertTrue("merges settled: " + context, ingest.settledSeconds() >= 0);
    }
    for (BuildRecord build : result.builds()) {
      assertTrue(context, build.indexBytes() > 0 && build.hotBytes() >= 0);
    }
    // 2 fanouts x 2 client counts, unfiltered and with fq keeping 10% of the documents
    assertEquals(context, formats.size() * 2 * 2 * 2, result.searches().size());
    for (SearchRecord search : result.searches()) {
      assertTrue(context, search.qps() > 0 && search.p99Micros() >= search.p50Micros());
      if (search.fanout() == 100) {
        // filtered: against the exact top 10 of the documents the filter keeps, which results
        // outside it would miss
        assertTrue(
            search.format() + " recall@10 " + search.recall() + context, search.recall() >= 0.95);
      }
    }
    for (VectorFormatChoice format : formats) {
      assertEquals(
          context,
          4,
          result.searches().stream()
              .filter(r -> r.format().equals(format.cliName() + " fq=10%"))
              .count());
    }
    // every format reaches 0.95 at fanout 100: closed loops with 1 and 4 clients, then the open
    // loop
    assertEquals(context, formats.size() * 3, records.loads().size());
    for (VectorFormatChoice format : formats) {
      List<SolrCloudRecords.LoadRecord> curve =
          records.loads().stream().filter(r -> r.format().equals(format.cliName())).toList();
      assertEquals(
          context, List.of(false, false, true), curve.stream().map(r -> r.openLoop()).toList());
      double peak = Math.max(curve.get(0).qps(), curve.get(1).qps());
      SolrCloudRecords.LoadRecord open = curve.get(2);
      assertEquals(context, peak / 2, open.offeredQps(), 1e-9);
      assertEquals(context, 4, open.clients());
      for (SolrCloudRecords.LoadRecord r : curve) {
        assertTrue(context, r.recall() >= 0.95 && r.qps() > 0);
        assertTrue(context, 0 < r.p50Micros() && r.p50Micros() <= r.p99Micros());
        assertTrue(context, r.p99Micros() <= r.maxMicros());
      }
    }
    assertEquals(context, formats.size() * 2, records.migrations().size());
    for (SolrCloudRecords.MigrationRecord migration : records.migrations()) {
      assertEquals(context, COUNT, migration.documentsAfter());
      assertTrue(context, migration.recallAfter() >= migration.recallBefore() - 0.02);
      assertEquals(context, 0, migration.failedQueriesDuring());
      assertTrue(context, migration.seconds() > 0);
    }
  }
}
