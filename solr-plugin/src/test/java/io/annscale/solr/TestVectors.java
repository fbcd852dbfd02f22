package io.annscale.solr;

import io.annscale.codec.testutil.ClusteredVectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.solr.common.SolrInputDocument;

/**
 * The data the cloud tests index: siftsmall (10K x 128 SIFT, 100 queries, exact top-100) from the
 * project's shared folder when it is there, else clustered vectors of the same shape with their
 * exact top-10 computed here, so a user's clone (no shared folder) runs the same tests rather than
 * skipping them.
 *
 * @param truth per query the ids of its exact nearest neighbours, best first (at least 10)
 */
record TestVectors(float[][] base, float[][] queries, int[][] truth, String source) {
  static final int DIMENSION = 128;

  /**
   * Set to true to test on the generated stand-in even where siftsmall is present (what a user's
   * clone sees).
   */
  static final String GENERATED_PROPERTY = "annscale.tests.generatedData";

  static TestVectors load() throws IOException {
    for (Path p = Paths.get("").toAbsolutePath();
        p != null && !Boolean.getBoolean(GENERATED_PROPERTY);
        p = p.getParent()) {
      Path dir = p.resolve("shared/datasets/siftsmall");
      if (Files.isRegularFile(dir.resolve("siftsmall_base.bvecs"))) {
        return new TestVectors(
            readVectors(dir.resolve("siftsmall_base.bvecs"), true),
            readVectors(dir.resolve("siftsmall_query.fvecs"), false),
            readIds(dir.resolve("siftsmall_groundtruth.ivecs")),
            "siftsmall");
      }
    }
    float[][] base = ClusteredVectors.generate(new Random(42), 10_000, DIMENSION, 100, 0.5f, 1f);
    float[][] queries = ClusteredVectors.generate(new Random(43), 100, DIMENSION, 100, 0.5f, 1f);
    int[][] truth = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      float[] query = queries[q];
      truth[q] =
          IntStream.range(0, base.length)
              .boxed()
              .sorted(
                  Comparator.comparingDouble(
                      i -> -VectorSimilarityFunction.EUCLIDEAN.compare(query, base[i])))
              .limit(10)
              .mapToInt(Integer::intValue)
              .toArray();
    }
    return new TestVectors(base, queries, truth, "generated clustered 10K x 128");
  }

  /** Base vector {@code i} as a Solr document: id {@code i}, field {@code vector}. */
  SolrInputDocument document(int i) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", Integer.toString(i));
    List<Float> vector = new ArrayList<>(base[i].length);
    for (float v : base[i]) {
      vector.add(v);
    }
    doc.addField("vector", vector);
    return doc;
  }

  /** Every base vector as a document, in id order. */
  List<SolrInputDocument> documents() {
    return IntStream.range(0, base.length).mapToObj(this::document).toList();
  }

  /** Mean recall@k of the results (ids per query, best first) against the truth. */
  double recall(int[][] results, int k) {
    double hits = 0;
    for (int q = 0; q < results.length; q++) {
      int[] top = Arrays.copyOf(truth[q], k);
      for (int id : results[q]) {
        hits += Arrays.stream(top).anyMatch(t -> t == id) ? 1 : 0;
      }
    }
    return hits / (results.length * (double) k);
  }

  /**
   * .fvecs / .bvecs: per vector an int32 dimension (little-endian), then floats or unsigned bytes.
   */
  private static float[][] readVectors(Path file, boolean bytes) throws IOException {
    List<float[]> vectors = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] all = in.readAllBytes();
      ByteBuffer buffer = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
      while (buffer.hasRemaining()) {
        int dimension = buffer.getInt();
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          vector[i] = bytes ? buffer.get() & 0xFF : buffer.getFloat();
        }
        vectors.add(vector);
      }
    }
    return vectors.toArray(new float[0][]);
  }

  private static int[][] readIds(Path file) throws IOException {
    List<int[]> lists = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      int[] ids = new int[buffer.getInt()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = buffer.getInt();
      }
      lists.add(ids);
    }
    return lists.toArray(new int[0][]);
  }
}
