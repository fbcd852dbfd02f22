package io.annscale.bench.text;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import org.junit.Test;

/**
 * Our session settings (one ONNX thread per call) give langchain4j's own all-MiniLM-L6-v2
 * embeddings.
 */
public class TextEmbedderTest {
  @Test
  public void embeddingsAreLangchainsUnitVectorsInInputOrder() {
    List<String> texts =
        List.of(
            "The index is rebuilt at each merge.",
            "Cats sleep most of the day.",
            "A merge combines segments and rebuilds their graph.");
    float[][] ours;
    try (TextEmbedder embedder = new TextEmbedder(2)) {
      ours = embedder.embed(texts);
    }
    AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
    for (int i = 0; i < texts.size(); i++) {
      float[] expected = reference.embed(TextSegment.from(texts.get(i))).content().vector();
      assertEquals(TextEmbedder.DIMENSION, ours[i].length);
      assertEquals("unit length", 1.0, dot(ours[i], ours[i]), 1e-4);
      assertEquals("text " + i, 1.0, dot(ours[i], expected), 1e-5);
    }
    // related passages are nearer than unrelated ones: the vectors carry meaning, not noise
    assertTrue(dot(ours[0], ours[2]) > dot(ours[0], ours[1]) + 0.2);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
