package io.annscale.solr;

import org.apache.solr.response.DocsStreamer;
import org.apache.solr.schema.DenseVectorField;

/**
 * Makes Solr write our vector fields' stored values as it writes {@link DenseVectorField}'s.
 *
 * <p>Solr's {@link DocsStreamer} turns a stored value into a response value with the field type's
 * {@code toObject} only when the type's class is one it knows ({@link DocsStreamer#KNOWN_TYPES});
 * for any other class, subclasses included, it calls {@code toExternal}, which reads the value as a
 * string. For a float vector that answers strings instead of numbers; for a BYTE vector, stored as
 * one binary value, it decodes the bytes as UTF-8: garbage, or an error with assertions on.
 * Registering the subclasses once, when they load, gives them {@code DenseVectorField}'s own {@code
 * toObject}: numbers for floats, a list of integers for bytes.
 */
final class StoredVectorResponses {
  private StoredVectorResponses() {}

  static void register(Class<? extends DenseVectorField> type) {
    synchronized (DocsStreamer.KNOWN_TYPES) {
      DocsStreamer.KNOWN_TYPES.add(type);
    }
  }
}
