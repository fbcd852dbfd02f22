package io.annscale.solr;

import java.util.Collection;
import java.util.Locale;
import org.apache.lucene.index.VectorEncoding;
import org.apache.solr.common.SolrException;

/**
 * Checks a document's vector before Solr's {@code DenseVectorField} turns it into a Lucene field,
 * so that a wrong dimension, a value that is not a number, NaN / Infinity, or (on a {@code BYTE}
 * field) a value that is not a whole number in -128..127 is an HTTP 400 naming the document's field
 * and the problem (stock Solr answers 500 with the Lucene exception's text).
 */
final class IndexedVectorCheck {
  private IndexedVectorCheck() {}

  static void check(String field, Object value, int dimension, VectorEncoding encoding) {
    if (value instanceof Collection<?> values) {
      if (values.size() != dimension) {
        throw bad(
            field,
            "the vector has " + values.size() + " values, the field's dimension is " + dimension);
      }
      int i = 0;
      for (Object v : values) {
        i++;
        float f;
        if (v instanceof Number number) {
          f = number.floatValue();
        } else {
          try {
            f = Float.parseFloat(String.valueOf(v).trim());
          } catch (NumberFormatException e) {
            throw bad(
                field,
                String.format(Locale.ROOT, "value %d of the vector, '%s', is not a number", i, v));
          }
        }
        if (!Float.isFinite(f)) {
          throw bad(
              field,
              String.format(
                  Locale.ROOT, "value %d of the vector is %s; values must be finite", i, v));
        }
        if (encoding == VectorEncoding.BYTE && (f != Math.rint(f) || f < -128 || f > 127)) {
          throw bad(
              field,
              String.format(
                  Locale.ROOT,
                  "value %d of the vector, %s, is not allowed; the field's vectors are BYTE:"
                      + " whole numbers in -128..127",
                  i,
                  v));
        }
      }
    }
  }

  private static SolrException bad(String field, String problem) {
    return new SolrException(
        SolrException.ErrorCode.BAD_REQUEST, "field \"" + field + "\": " + problem);
  }
}
