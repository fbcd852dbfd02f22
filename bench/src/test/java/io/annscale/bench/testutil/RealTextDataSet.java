package io.annscale.bench.testutil;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.VectorFileWriter;
import io.annscale.bench.text.TextEmbedder;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A small real text-embedding set, made on any clone without network: the committed passages of
 * permissively licensed manuals ({@code text/docs-passages-6200.txt.gz}) embedded by
 * all-MiniLM-L6-v2 (384-d, cosine), the first 200 as held-out queries and the other 6,000 as the
 * base, with exact cosine top-100. Kept under {@code target/test-data/} so that the tests of one
 * build embed it once.
 */
public record RealTextDataSet(Path base, Path queries, Path truth, Path truthDistances) {
  public static final int QUERIES = 200;
  public static final int BASE = 6_000;

  private static final Path DIR = Paths.get("target", "test-data", "docs-passages-6200");

  /** The data set, embedded now if no earlier test of this build did. */
  public static synchronized RealTextDataSet get() throws IOException {
    RealTextDataSet data =
        new RealTextDataSet(
            DIR.resolve("base.fvecs"),
            DIR.resolve("query.fvecs"),
            DIR.resolve("gt100.ivecs"),
            DIR.resolve("gt100.dist.fvecs"));
    if (Files.isRegularFile(data.truth()) && Files.isRegularFile(data.truthDistances())) {
      return data;
    }
    List<String> passages = passages();
    try (TextEmbedder embedder = new TextEmbedder(Runtime.getRuntime().availableProcessors())) {
      write(data.queries(), embedder.embed(passages.subList(0, QUERIES)));
      write(data.base(), embedder.embed(passages.subList(QUERIES, QUERIES + BASE)));
    }
    float[] queryVectors = new float[QUERIES * TextEmbedder.DIMENSION];
    try (VectorFileReader reader = VectorFileReader.open(data.queries())) {
      reader.read(queryVectors, QUERIES);
    }
    GroundTruth truth;
    try (VectorFileReader reader = VectorFileReader.open(data.base())) {
      truth =
          new ExactNearestNeighbors(Metric.COSINE, 100, 2, 1000, DistanceKernels.best())
              .search(queryVectors, reader, done -> {});
    }
    truth.write(data.truth(), data.truthDistances());
    return data;
  }

  /** The committed passages, in their order. */
  public static List<String> passages() throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in =
            RealTextDataSet.class.getResourceAsStream("/text/docs-passages-6200.txt.gz");
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static void write(Path file, float[][] vectors) throws IOException {
    try (VectorFileWriter writer = VectorFileWriter.create(file, TextEmbedder.DIMENSION)) {
      for (float[] v : vectors) {
        writer.write(v);
      }
      writer.commit();
    }
  }
}
