package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.testutil.SiftSmall;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.bench.truth.Metric;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PQ8-HNSW and DiskANN with their defaults reach recall@10 >= 0.95 against exact ground truth, measured by the embedded
 * benchmark beside Lucene's float HNSW: on siftsmall when the shared folder is there, and always on generated
 * SIFT-like (clustered) data, the path a user's clone takes.
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
            data.base, data.queries, data.truth, null, Metric.EUCLIDEAN, 10_000,
            List.of(VectorFormatChoice.LUCENE_HNSW, VectorFormatChoice.PQ8_HNSW, VectorFormatChoice.DISKANN), 16, 100, 0, 0, List.of(10, 100),
            List.of(1), 10, 0.05, 1, 0.05, 0.95, tmp.newFolder().toPath(), false, 256, 0);
    EmbeddedBenchmark.Result result = new EmbeddedBenchmark(parameters, new PrintWriter(log)).run();
    assertEquals(log.toString(), 6, result.searches().size());
    SearchRecord lucene = result.searches().get(0);
    SearchRecord pq8 = result.searches().get(2);
    assertEquals("pq8-hnsw", pq8.format());
    // DiskANN takes the fanout as its search-list size: 100 is the format's default
    SearchRecord diskAnn = result.searches().get(5);
    assertEquals(DiskAnnParameters.DEFAULT.searchListSize(), diskAnn.fanout());
    assertEquals("diskann", diskAnn.format());
    assertTrue(data + ": diskann recall@10=" + diskAnn.recall() + "\n" + log, diskAnn.recall() >= 0.95);
    assertTrue(data + ": pq8 recall@10=" + pq8.recall() + "\n" + log, pq8.recall() >= 0.95);
    assertTrue(data + ": lucene recall@10=" + lucene.recall(), lucene.recall() >= 0.8);
    BuildRecord luceneBuild = result.builds().get(0);
    BuildRecord pq8Build = result.builds().get(1);
    assertTrue(
        "hot bytes/vector: pq8 " + pq8Build.hotBytesPerVector() + " vs lucene " + luceneBuild.hotBytesPerVector(),
        pq8Build.hotBytesPerVector() < luceneBuild.hotBytesPerVector() / 2);
  }

  private record DataSet(Path base, Path queries, Path truth) {}

  /** 10K x 128 clustered vectors and 100 queries from the same distribution, with exact top-100. */
  private DataSet generated() throws IOException {
    Path dir = tmp.newFolder().toPath();
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(Distribution.clustered(100, 0.5, 42, 128), 128, 42, 2);
    Path base = dir.resolve("base.fvecs");
    Path queries = dir.resolve("query.fvecs");
    generator.write(base, 10_000, SyntheticDataGenerator.Stream.BASE, done -> {});
    generator.write(queries, 100, SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] queryVectors = new float[100 * 128];
    try (VectorFileReader reader = VectorFileReader.open(queries)) {
      reader.read(queryVectors, 100);
    }
    GroundTruth truth;
    try (VectorFileReader reader = VectorFileReader.open(base)) {
      truth =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 100, 2, 1000, DistanceKernels.best())
              .search(queryVectors, reader, done -> {});
    }
    Path truthFile = dir.resolve("truth.ivecs");
    truth.write(truthFile, null);
    return new DataSet(base, queries, truthFile);
  }
}
