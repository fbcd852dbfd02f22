package io.annscale.codec;

import io.annscale.codec.hnswpq.PqHnswVectorsFormat;
import java.util.Objects;
import java.util.function.Function;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;

/**
 * Lucene's default codec with annscale vector formats, so embedding takes one line:
 *
 * <pre>{@code
 * IndexWriterConfig iwc = new IndexWriterConfig().setCodec(new AnnscaleCodec());
 * }</pre>
 *
 * <p>Every vector field uses {@link PqHnswVectorsFormat} with defaults unless a per-field choice is
 * given. Readers need no configuration: each segment records its formats by SPI name, so an index
 * written with any per-field choice opens with {@code new AnnscaleCodec()} or by name through
 * {@link Codec#forName}.
 */
public final class AnnscaleCodec extends FilterCodec {
  /** SPI name, written into every segment. */
  public static final String NAME = "Annscale912";

  private final KnnVectorsFormat vectorsFormat;

  /** PQ-HNSW with defaults for every vector field. */
  public AnnscaleCodec() {
    this(new PqHnswVectorsFormat());
  }

  /** The given format for every vector field. */
  public AnnscaleCodec(KnnVectorsFormat format) {
    this(field -> format);
    Objects.requireNonNull(format, "format");
  }

  /**
   * @param formatForField the vector format of each field, e.g. PQ-HNSW for one field and Lucene's
   *     float HNSW for another; must not return null
   */
  public AnnscaleCodec(Function<String, KnnVectorsFormat> formatForField) {
    this(new Lucene912Codec(), formatForField);
  }

  /**
   * Another Lucene 9.12 codec (e.g. Solr's schema-aware one) with the given vector formats.
   * Segments it writes record every per-field format by name, so they read back with {@code new
   * AnnscaleCodec()} as well.
   *
   * @param delegate everything but vectors: postings, doc values, stored fields
   */
  public AnnscaleCodec(Codec delegate, Function<String, KnnVectorsFormat> formatForField) {
    super(NAME, delegate);
    Objects.requireNonNull(formatForField, "formatForField");
    this.vectorsFormat =
        new PerFieldKnnVectorsFormat() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            KnnVectorsFormat format = formatForField.apply(field);
            if (format == null) {
              throw new IllegalArgumentException("no vector format for field \"" + field + "\"");
            }
            return format;
          }
        };
  }

  @Override
  public KnnVectorsFormat knnVectorsFormat() {
    return vectorsFormat;
  }
}
