package io.annscale.bench.testutil;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Clustered base vectors and queries from the same distribution (100 clusters, seed 42), with their
 * exact top-100 by Euclidean distance: the data set tests use where siftsmall is not available.
 */
public record GeneratedDataSet(Path base, Path queries, Path truth) {

  /**
   * The quick run the SolrCloud tests measure on this data: {@code count} base vectors, HNSW M 16
   * and beam 100, k 10, one 0.2 s measurement per setting after 0.2 s of warm-up, target recall
   * 0.95.
   */
  public RunParameters quickRun(
      long count,
      List<VectorFormatChoice> formats,
      List<Integer> fanouts,
      List<Integer> threads,
      Path indexDir) {
    return new RunParameters(
        base,
        queries,
        truth,
        null,
        Metric.EUCLIDEAN,
        count,
        formats,
        16,
        100,
        0,
        0,
        fanouts,
        threads,
        10,
        0.2,
        1,
        0.2,
        0.95,
        indexDir,
        false,
        64,
        0);
  }

  public static GeneratedDataSet create(Path dir, int count, int dimension, int queryCount)
      throws IOException {
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(
            Distribution.clustered(100, 0.5, 42, dimension), dimension, 42, 2);
    Path base = dir.resolve("base.fvecs");
    Path queries = dir.resolve("query.fvecs");
    generator.write(base, count, SyntheticDataGenerator.Stream.BASE, done -> {});
    generator.write(queries, queryCount, SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] queryVectors = new float[queryCount * dimension];
    try (VectorFileReader reader = VectorFileReader.open(queries)) {
      reader.read(queryVectors, queryCount);
    }
    GroundTruth truth;
    try (VectorFileReader reader = VectorFileReader.open(base)) {
      truth =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 100, 2, 1000, DistanceKernels.best())
              .search(queryVectors, reader, done -> {});
    }
    Path truthFile = dir.resolve("truth.ivecs");
    truth.write(truthFile, null);
    return new GeneratedDataSet(base, queries, truthFile);
  }
}
