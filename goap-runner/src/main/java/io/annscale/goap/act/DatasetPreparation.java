package io.annscale.goap.act;

import io.annscale.bench.cli.DatasetCommand;
import io.annscale.bench.cli.Progress;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.dataset.AnnBenchmarksFile;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import io.annscale.goap.scale.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;

/**
 * A2: the profile's data set with its exact top-100. Clustered synthetic vectors (100 clusters,
 * seed 42, as {@code annscale generate}) are generated; the real docs-minilm set is made by {@code
 * annscale dataset docs-minilm} (its corpus and embeddings shared by every size); an ann-benchmarks
 * HDF5 file is extracted. Kept in the data directory and reused when complete, so a second run
 * starts at once.
 */
final class DatasetPreparation {
  private DatasetPreparation() {}

  static Dataset prepare(
      Dataset data, Profile profile, java.nio.file.Path dataRoot, PrintWriter log)
      throws IOException {
    if (data.isComplete()) {
      return data;
    }
    switch (profile.data().kind()) {
      case CLUSTERED -> generateClustered(data, profile);
      case DOCS_MINILM -> {
        CommandLine recipe = new CommandLine(new DatasetCommand()).setOut(log).setErr(log);
        int exit =
            recipe.execute(
                DatasetCommand.DOCS_MINILM,
                "--size",
                Long.toString(profile.vectors()),
                "--queries",
                Integer.toString(profile.queries()),
                "--dir",
                dataRoot.resolve(DatasetCommand.DOCS_MINILM).toString());
        if (exit != 0) {
          throw new IOException(
              "annscale dataset docs-minilm --size "
                  + profile.vectors()
                  + " failed (exit "
                  + exit
                  + "); it resumes where it stopped when the run is resumed");
        }
      }
      case HDF5 -> AnnBenchmarksFile.extract(profile.data().hdf5(), dataRoot.resolve("hdf5"));
    }
    Files.writeString(data.dir().resolve(Dataset.COMPLETE), "");
    return data;
  }

  private static void generateClustered(Dataset data, Profile profile) throws IOException {
    Files.createDirectories(data.dir());
    int dimension = profile.dimension();
    int threads = Runtime.getRuntime().availableProcessors();
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(
            Distribution.clustered(100, 0.5, 42, dimension), dimension, 42, threads);
    try (ProgressBar bar = Progress.start("generate base", profile.vectors(), "vec")) {
      generator.write(
          data.base(), profile.vectors(), SyntheticDataGenerator.Stream.BASE, bar::stepTo);
    }
    generator.write(
        data.queries(), profile.queries(), SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] queries = new float[profile.queries() * dimension];
    try (VectorFileReader reader = VectorFileReader.open(data.queries())) {
      reader.read(queries, profile.queries());
    }
    GroundTruth truth;
    try (VectorFileReader base = VectorFileReader.open(data.base());
        ProgressBar bar = Progress.start("exact top-100", profile.vectors(), "vec")) {
      truth =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 100, threads, 4096, DistanceKernels.best())
              .search(queries, base, bar::stepTo);
    }
    truth.write(data.truth(), data.truthDistances());
  }
}
