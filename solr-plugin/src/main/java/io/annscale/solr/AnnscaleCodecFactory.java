package io.annscale.solr;

import io.annscale.codec.AnnscaleCodec;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
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
 * <p>Segments record each field's format by SPI name, so they open with any codec that has these
 * formats on the classpath; the codec itself is registered as {@code Annscale912}.
 */
public class AnnscaleCodecFactory extends SchemaCodecFactory {
  private Codec codec;

  @Override
  public void inform(SolrCore core) {
    LuceneSpiRegistration.ensureRegistered();
    super.inform(core);
    Codec solrCodec = super.getCodec();
    codec =
        new AnnscaleCodec(
            solrCodec,
            field -> {
              SchemaField schemaField = core.getLatestSchema().getFieldOrNull(field);
              if (schemaField != null
                  && schemaField.getType() instanceof AnnscaleVectorFieldType annscale) {
                return annscale.knnVectorsFormat();
              }
              return solrVectorsFormat(solrCodec, field);
            });
  }

  private static KnnVectorsFormat solrVectorsFormat(Codec solrCodec, String field) {
    if (solrCodec instanceof Lucene912Codec lucene912) {
      return lucene912.getKnnVectorsFormatForField(field);
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
