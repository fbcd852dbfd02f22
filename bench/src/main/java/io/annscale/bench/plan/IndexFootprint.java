package io.annscale.bench.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;

/**
 * What a built single-field vector index occupies, per file extension, measured on disk.
 *
 * @param vectors documents with a vector
 * @param dimension the vector field's dimension
 * @param segments segments in the index (per-segment costs such as codebooks multiply by it)
 * @param bytesByExtension bytes of the vector format's files, by extension (other fields' files
 *     excluded)
 */
public record IndexFootprint(
    long vectors, int dimension, int segments, Map<String, Long> bytesByExtension) {
  /**
   * Files of Lucene's HNSW formats and ours (PQ-HNSW, DiskANN); stored fields and doc values of the
   * benchmark's id field are not.
   */
  static final Set<String> VECTOR_EXTENSIONS =
      Set.of("vec", "vemf", "vex", "vem", "veq", "vemq", "pqc", "pqm", "dam", "dan", "dap");

  /** Measures the index in {@code dir}; its vector field is the one with the most vectors. */
  public static IndexFootprint measure(Path dir) throws IOException {
    long vectors = 0;
    int dimension = 0;
    int segments;
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      segments = reader.leaves().size();
      for (LeafReaderContext leaf : reader.leaves()) {
        for (FieldInfo field : leaf.reader().getFieldInfos()) {
          if (field.getVectorDimension() > 0) {
            dimension = field.getVectorDimension();
            var values = leaf.reader().getFloatVectorValues(field.name);
            vectors += values == null ? 0 : values.size();
          }
        }
      }
    }
    if (dimension == 0 || vectors == 0) {
      throw new IllegalArgumentException(dir + ": no float vectors in this index");
    }
    Map<String, Long> bytes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (VECTOR_EXTENSIONS.contains(extension)) {
          bytes.merge(extension, Files.size(file), Long::sum);
        }
      }
    }
    return new IndexFootprint(vectors, dimension, segments, Map.copyOf(bytes));
  }

  double perVector(String extension) {
    return bytesByExtension.getOrDefault(extension, 0L) / (double) vectors;
  }
}
