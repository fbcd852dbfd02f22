package io.annscale.bench.dataset;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * ann-benchmarks' HDF5 layout, read from a fixture written by ann-benchmarks' own recipe
 * (make-fixture.py beside it): shapes, metric, and the file's neighbours against exact ground truth
 * computed here.
 */
public class AnnBenchmarksFileTest {
  public static final Path FIXTURE =
      Paths.get("src", "test", "resources", "hdf5", "tiny-angular.hdf5");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void extractsTrainTestAndNeighboursWithTheFilesMetric() throws Exception {
    Path cache = tmp.newFolder().toPath();
    AnnBenchmarksFile.Extracted data = AnnBenchmarksFile.extract(FIXTURE, cache);
    assertEquals(Metric.COSINE, data.metric());
    assertEquals(Metric.COSINE, AnnBenchmarksFile.metric(FIXTURE));
    assertEquals(600, VectorFileInfo.read(data.base()).count());
    assertEquals(16, VectorFileInfo.read(data.base()).dimension());
    assertEquals(30, VectorFileInfo.read(data.queries()).count());
    assertEquals(100, data.k());
    assertTrue(data.base().startsWith(cache));

    float[] queries = new float[30 * 16];
    try (VectorFileReader reader = VectorFileReader.open(data.queries())) {
      reader.read(queries, 30);
    }
    GroundTruth exact;
    try (VectorFileReader reader = VectorFileReader.open(data.base())) {
      exact =
          new ExactNearestNeighbors(Metric.COSINE, 100, 1, 128, DistanceKernels.scalar())
              .search(queries, reader, done -> {});
    }
    GroundTruth file = GroundTruth.read(data.truth(), data.truthDistances());
    for (int q = 0; q < 30; q++) {
      // distances are computed again in annscale's convention (1 - cos): they must agree with the
      // exact search's
      assertArrayEquals("query " + q, exact.distances()[q], file.distances()[q], 1e-5f);
      for (int i = 0; i < 100; i++) {
        float d = file.distances()[q][i];
        boolean tied =
            (i > 0 && Math.abs(file.distances()[q][i - 1] - d) < 1e-6)
                || (i < 99 && Math.abs(file.distances()[q][i + 1] - d) < 1e-6);
        if (!tied) {
          assertEquals("query " + q + " rank " + i, exact.ids()[q][i], file.ids()[q][i]);
        }
      }
    }
  }

  @Test
  public void extractingAgainReusesTheFiles() throws Exception {
    Path cache = tmp.newFolder().toPath();
    AnnBenchmarksFile.Extracted first = AnnBenchmarksFile.extract(FIXTURE, cache);
    long written = Files.getLastModifiedTime(first.base()).toMillis();
    Thread.sleep(20);
    AnnBenchmarksFile.Extracted second = AnnBenchmarksFile.extract(FIXTURE, cache);
    assertEquals(first.base(), second.base());
    assertEquals(written, Files.getLastModifiedTime(second.base()).toMillis());
    assertEquals(first.truth(), AnnBenchmarksFile.member(FIXTURE, "neighbors", cache));
  }

  @Test
  public void badInputIsNamed() throws Exception {
    Path notHdf5 = tmp.newFile("fake.hdf5").toPath();
    Files.writeString(notHdf5, "not an HDF5 file");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AnnBenchmarksFile.extract(notHdf5, tmp.newFolder().toPath()));
    assertTrue(
        e.getMessage(), e.getMessage().contains("fake.hdf5") && e.getMessage().contains("HDF5"));
    IllegalArgumentException member =
        assertThrows(
            IllegalArgumentException.class,
            () -> AnnBenchmarksFile.member(FIXTURE, "labels", tmp.newFolder().toPath()));
    assertTrue(member.getMessage(), member.getMessage().contains("labels"));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AnnBenchmarksFile.extract(
                    tmp.getRoot().toPath().resolve("none.hdf5"), tmp.newFolder().toPath()));
    assertTrue(missing.getMessage(), missing.getMessage().contains("none.hdf5"));
  }
}
