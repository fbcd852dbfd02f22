package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.testutil.GeneratedDataSet;
import io.annscale.bench.testutil.SiftSmall;
import io.annscale.bench.truth.Metric;
import io.annscale.diskann.DiskAnnParameters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PQ8-HNSW and DiskANN with their defaults reach recall@10 >= 0.95 against exact ground truth,
 * measured by the embedded benchmark beside Lucene's float HNSW: on siftsmall when the shared
 * folder is there, and always on generated SIFT-like (clustered) data, the path a user's clone
 * takes.
 */
public class EmbeddedBenchmarkRecallTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void pq8AndDiskAnnDefaultsReachRecallOnSiftSmall() throws Exception {
    Path dir = SiftSmall.sharedDir();
    DataSet data =
        dir == null
            ? generated()
            : new DataSet(
                dir.resolve("siftsmall_base.bvecs"),
                dir.resolve("siftsmall_query.fvecs"),
                dir.resolve("siftsmall_groundtruth.ivecs"));
    check(data);
  }

  @Test
  public void pq8AndDiskAnnDefaultsReachRecallOnGeneratedClusteredData() throws Exception {
    check(generated());
  }

  private void check(DataSet data) throws Exception {
    StringWriter log = new StringWriter();
    RunParameters parameters =
        new RunParameters(
            data.base,
            data.queries,
            data.truth,
            null,
            Metric.EUCLIDEAN,
            10_000,
            List.of(
                VectorFormatChoice.LUCENE_HNSW,
                VectorFormatChoice.PQ8_HNSW,
                VectorFormatChoice.DISKANN),
            16,
            100,
            0,
            0,
            List.of(10, 50, 100),
            List.of(1),
            10,
            0.05,
            1,
            0.05,
            0.95,
            tmp.newFolder().toPath(),
            false,
            256,
            0);
    EmbeddedBenchmark.Result result = new EmbeddedBenchmark(parameters, new PrintWriter(log)).run();
    assertEquals(log.toString(), 9, result.searches().size());
    SearchRecord lucene = result.searches().get(0);
    // PQ-HNSW's default search list for k = 10 is k x oversample
    SearchRecord pq8 = result.searches().get(4);
    assertEquals("pq8-hnsw", pq8.format());
    assertEquals(10 * io.annscale.codec.hnswpq.PqParameters.DEFAULT_OVERSAMPLE, pq8.fanout());
    // DiskANN takes the fanout as its search-list size: 100 is the format's default
    SearchRecord diskAnn = result.searches().get(8);
    assertEquals(DiskAnnParameters.DEFAULT.searchListSize(), diskAnn.fanout());
    assertEquals("diskann", diskAnn.format());
    assertTrue(
        data + ": diskann recall@10=" + diskAnn.recall() + "\n" + log, diskAnn.recall() >= 0.95);
    assertTrue(data + ": pq8 recall@10=" + pq8.recall() + "\n" + log, pq8.recall() >= 0.95);
    assertTrue(data + ": lucene recall@10=" + lucene.recall(), lucene.recall() >= 0.8);
    BuildRecord luceneBuild = result.builds().get(0);
    BuildRecord pq8Build = result.builds().get(1);
    assertTrue(
        "hot bytes/vector: pq8 "
            + pq8Build.hotBytesPerVector()
            + " vs lucene "
            + luceneBuild.hotBytesPerVector(),
        pq8Build.hotBytesPerVector() < luceneBuild.hotBytesPerVector() / 2);
  }

  private record DataSet(Path base, Path queries, Path truth) {}

  /** 10K x 128 clustered vectors and 100 queries from the same distribution, with exact top-100. */
  private DataSet generated() throws IOException {
    GeneratedDataSet data = GeneratedDataSet.create(tmp.newFolder().toPath(), 10_000, 128, 100);
    return new DataSet(data.base(), data.queries(), data.truth());
  }
}
