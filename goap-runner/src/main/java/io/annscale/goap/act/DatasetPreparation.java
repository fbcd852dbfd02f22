package io.annscale.goap.act;

import io.annscale.bench.cli.Progress;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import io.annscale.goap.scale.Profile;
import java.io.IOException;
import java.nio.file.Files;
import me.tongfei.progressbar.ProgressBar;

/**
 * A2: the profile's clustered synthetic data set (100 clusters, seed 42, as {@code annscale generate}) with its
 * exact top-100 by brute force. Kept in the data directory and reused when complete, so a second run starts at once.
 */
final class DatasetPreparation {
  private DatasetPreparation() {}

  static Dataset prepare(Dataset data, Profile profile) throws IOException {
    if (data.isComplete()) {
      return data;
    }
    Files.createDirectories(data.dir());
    Files.deleteIfExists(data.dir().resolve(Dataset.COMPLETE));
    int dimension = profile.dimension();
    int threads = Runtime.getRuntime().availableProcessors();
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(Distribution.clustered(100, 0.5, 42, dimension), dimension, 42, threads);
    try (ProgressBar bar = Progress.start("generate base", profile.vectors(), "vec")) {
      generator.write(data.base(), profile.vectors(), SyntheticDataGenerator.Stream.BASE, bar::stepTo);
    }
    generator.write(data.queries(), profile.queries(), SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] queries = new float[profile.queries() * dimension];
    try (VectorFileReader reader = VectorFileReader.open(data.queries())) {
      reader.read(queries, profile.queries());
    }
    GroundTruth truth;
    try (VectorFileReader base = VectorFileReader.open(data.base());
        ProgressBar bar = Progress.start("exact top-100", profile.vectors(), "vec")) {
      truth = new ExactNearestNeighbors(Metric.EUCLIDEAN, 100, threads, 4096, DistanceKernels.best())
          .search(queries, base, bar::stepTo);
    }
    truth.write(data.truth(), data.truthDistances());
    Files.writeString(data.dir().resolve(Dataset.COMPLETE), "");
    return data;
  }
}
