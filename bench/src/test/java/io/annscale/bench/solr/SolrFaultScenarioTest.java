package io.annscale.bench.solr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.testutil.GeneratedDataSet;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Each fault SolrCloud promises to survive, on a real local SolrCloud of 2 nodes, for each annscale
 * format with a configset: one client feeds 1,600 documents at 100 per second (so ingestion runs
 * through the fault) while another queries. Every acknowledged document is in every replica of its
 * shard afterwards, the replicas agree, at least 99.9% of queries are answered (after one retry),
 * and recall@10 against exact ground truth is as an undisturbed collection's.
 */
public class SolrFaultScenarioTest {
  private static final int COUNT = 1_600;
  private static final SolrFaultScenario.Load LOAD = new SolrFaultScenario.Load(COUNT, 100, 100);

  /** Short, so a cut node's session expires within the test; Solr's default is 30 s. */
  private static final int ZK_SESSION_TIMEOUT_MILLIS = 5_000;

  private static final List<VectorFormatChoice> FORMATS =
      List.of(VectorFormatChoice.PQ8_HNSW, VectorFormatChoice.DISKANN);

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static GeneratedDataSet data;
  private static float[][] queries;
  private static GroundTruth truth;

  @BeforeClass
  public static void generate() throws Exception {
    data = GeneratedDataSet.create(TMP.newFolder().toPath(), COUNT, 32, 20);
    queries =
        io.annscale.bench.run.BenchmarkInputs.readQueries(
            data.quickRun(COUNT, FORMATS, List.of(10), List.of(1), TMP.newFolder().toPath()));
    truth = GroundTruth.read(data.truth(), null);
  }

  @Test
  public void aRunNeedsFourBatches() {
    IllegalArgumentException tooFew =
        assertThrows(IllegalArgumentException.class, () -> new SolrFaultScenario.Load(600, 250, 1));
    assertTrue(tooFew.getMessage(), tooFew.getMessage().contains("at least 4 batches"));
  }

  @Test
  public void aStoppedLeaderNodeLosesNothingAndQueriesStayAnswered() throws Exception {
    try (LocalSolrCloud cluster = LocalSolrCloud.start(2, TMP.newFolder().toPath())) {
      runAndCheck(cluster, SolrFault.nodeStop());
    }
  }

  @Test
  public void aLeaderCutOffFromItsReplicaAndZooKeeperLosesNothing() throws Exception {
    try (LocalSolrCloud cluster =
        LocalSolrCloud.startPartitionable(2, TMP.newFolder().toPath(), ZK_SESSION_TIMEOUT_MILLIS)) {
      runAndCheck(cluster, SolrFault.leaderPartition());
    }
  }

  @Test
  public void anExpiredZooKeeperSessionOfTheLeaderLosesNothing() throws Exception {
    try (LocalSolrCloud cluster = LocalSolrCloud.start(2, TMP.newFolder().toPath())) {
      runAndCheck(cluster, SolrFault.sessionExpiry());
    }
  }

  @Test
  public void aRollingRestartAnswersQueriesAndLosesNothing() throws Exception {
    try (LocalSolrCloud cluster = LocalSolrCloud.start(2, TMP.newFolder().toPath())) {
      runAndCheck(cluster, SolrFault.rollingRestart());
    }
  }

  @Test
  public void aPartitionNeedsAPartitionableCluster() throws Exception {
    try (LocalSolrCloud cluster = LocalSolrCloud.start(2, TMP.newFolder().toPath())) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  SolrFaultScenario.run(
                      cluster,
                      SolrFault.leaderPartition(),
                      VectorFormatChoice.PQ8_HNSW,
                      null,
                      data.base(),
                      queries,
                      null,
                      LOAD,
                      Metric.EUCLIDEAN,
                      new PrintWriter(new StringWriter())));
      assertTrue(refused.getMessage(), refused.getMessage().contains("startPartitionable"));
    }
  }

  private static void runAndCheck(LocalSolrCloud cluster, SolrFault fault) throws Exception {
    for (VectorFormatChoice format : FORMATS) {
      StringWriter log = new StringWriter();
      SolrFaultScenario.Outcome outcome =
          SolrFaultScenario.run(
              cluster,
              fault,
              format,
              null,
              data.base(),
              queries,
              truth,
              LOAD,
              Metric.EUCLIDEAN,
              new PrintWriter(log, true));
      String context = outcome + "\n" + log;
      // the figures, for docs/benchmarks/reliability.md's table of the test
      System.out.println("fault: " + SolrFaultScenario.summary(outcome));
      assertEquals(context, fault.name(), outcome.fault());
      assertEquals(context, COUNT, outcome.acknowledged());
      assertEquals(context, COUNT, outcome.found());
      assertEquals(context, 0, outcome.lost());
      assertEquals(context, 4, outcome.replicasChecked());
      assertEquals(context, 0, outcome.replicasDiverging());
      assertTrue(context, outcome.acknowledgedDuringFault() > 0);
      assertTrue(context, outcome.faultSeconds() >= SolrFault.MIN_SECONDS);
      assertTrue(context, outcome.queriesDuringFault() > 0);
      assertTrue(context, outcome.answeredShare() >= 0.999);
      assertTrue(context, outcome.recall() >= 0.95);
      assertTrue(context, outcome.passed());
      assertNull(
          "the test's collection is removed afterwards",
          cluster
              .client()
              .getClusterState()
              .getCollectionOrNull("fault_" + format.cliName().replace('-', '_')));
    }
  }
}
