package io.annscale.solr;

import java.util.Locale;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.SchemaCodecFactory;
import org.apache.solr.core.SolrCore;
import org.apache.solr.schema.SchemaField;

/**
 * Solr's schema-aware codec with annscale vector formats: fields whose type is an {@link
 * AnnscaleVectorFieldType} get that type's format; every other field, and everything but vectors,
 * is exactly what Solr's {@link SchemaCodecFactory} gives (its HNSW for {@code
 * solr.DenseVectorField}, per-field postings and doc-values formats, compression mode). Needed
 * because {@code SchemaCodecFactory} knows only HNSW. In {@code solrconfig.xml}:
 *
 * <pre>{@code <codecFactory class="io.annscale.solr.AnnscaleCodecFactory"/>}</pre>
 *
 * <p>The codec keeps Lucene's name ({@code Lucene912}), as {@code SchemaCodecFactory}'s does, and
 * changes only the per-field hooks. A segment records each field's vector format by SPI name, so
 * only segments holding a field of an annscale format need the plugin to open; a core without such
 * fields opens with stock Solr.
 */
public class AnnscaleCodecFactory extends SchemaCodecFactory {
  private Lucene912Codec.Mode compressionMode = SOLR_DEFAULT_COMPRESSION_MODE;
  private Codec codec;

  @Override
  public void init(NamedList<?> args) {
    super.init(args); // validates compressionMode, naming it
    Object mode = args == null ? null : args.get(COMPRESSION_MODE);
    if (mode != null) {
      compressionMode = Lucene912Codec.Mode.valueOf(mode.toString().toUpperCase(Locale.ROOT));
    }
  }

  @Override
  public void inform(SolrCore core) {
    LuceneSpiRegistration.ensureRegistered();
    super.inform(core);
    Lucene912Codec solr = solrCodec(super.getCodec());
    codec =
        new Lucene912Codec(compressionMode) {
          @Override
          public PostingsFormat getPostingsFormatForField(String field) {
            return solr.getPostingsFormatForField(field);
          }

          @Override
          public DocValuesFormat getDocValuesFormatForField(String field) {
            return solr.getDocValuesFormatForField(field);
          }

          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            SchemaField schemaField = core.getLatestSchema().getFieldOrNull(field);
            if (schemaField != null
                && schemaField.getType() instanceof AnnscaleVectorFieldType annscale) {
              return annscale.knnVectorsFormat();
            }
            return solr.getKnnVectorsFormatForField(field);
          }
        };
  }

  private static Lucene912Codec solrCodec(Codec solrCodec) {
    if (solrCodec instanceof Lucene912Codec lucene912) {
      return lucene912;
    }
    throw new IllegalStateException(
        "Solr's codec is "
            + solrCodec.getName()
            + ", expected Lucene912: this plugin is built for Solr 9.10");
  }

  @Override
  public Codec getCodec() {
    if (codec == null) {
      throw new IllegalStateException("AnnscaleCodecFactory used before the core informed it");
    }
    return codec;
  }
}
