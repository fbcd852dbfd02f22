package io.annscale.solr;

import java.util.Locale;
import java.util.Map;
import org.apache.solr.common.SolrException;

/**
 * Reads and removes a field type's own attributes before {@code DenseVectorField.init} sees them,
 * turning a bad value into a {@link SolrException} (SERVER_ERROR: the schema is wrong) that names
 * the field type, the attribute, the value and what is allowed.
 */
final class SchemaAttributes {
  private final String typeName;
  private final Map<String, String> args;

  SchemaAttributes(String typeName, Map<String, String> args) {
    this.typeName = typeName;
    this.args = args;
  }

  int intValue(String name, int defaultValue, int min, int max) {
    String value = args.remove(name);
    if (value == null) {
      return defaultValue;
    }
    Integer parsed = boundedInt(value, min, max);
    if (parsed == null) {
      throw bad(name, value, "an integer in " + min + ".." + max);
    }
    return parsed;
  }

  /**
   * The value as an integer in {@code min..max}, or null when it is not one (schema and query
   * checks share it).
   */
  static Integer boundedInt(String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.trim());
      return parsed >= min && parsed <= max ? parsed : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  float floatValue(String name, float defaultValue, float min, float max) {
    String value = args.remove(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      float parsed = Float.parseFloat(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw bad(name, value, String.format(Locale.ROOT, "a number in %.1f..%.1f", min, max));
  }

  /**
   * Fails at schema load, naming the type, dimension and limit, on a dimension the format refuses.
   */
  void checkDimension(int dimension, int max, String format) {
    if (dimension > max) {
      throw bad(
          "vectorDimension",
          Integer.toString(dimension),
          "at most " + max + ", the most " + format + " supports");
    }
  }

  SolrException bad(String name, String value, String allowed) {
    return new SolrException(
        SolrException.ErrorCode.SERVER_ERROR,
        String.format(
            Locale.ROOT,
            "field type %s: %s=\"%s\" is not allowed; expected %s",
            typeName,
            name,
            value,
            allowed));
  }
}
