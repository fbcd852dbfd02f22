package org.apache.solr.schema;

import java.util.Map;

/**
 * Test access to what Solr's schema loader does for a field type: name it, then init it with its
 * attributes.
 */
public final class FieldTypes {
  private FieldTypes() {}

  public static void init(
      FieldType type, String name, IndexSchema schema, Map<String, String> args) {
    type.setTypeName(name);
    type.init(schema, args);
  }
}
