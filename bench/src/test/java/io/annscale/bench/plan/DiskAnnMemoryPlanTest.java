package io.annscale.bench.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.run.VectorReaderHeap;
import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.GraphMergePolicy;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.diskann.DiskAnnVectorsFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The memory plan budgets DiskANN from a built index: disk from its files, heap from its records,
 * cache, codebooks.
 */
public class DiskAnnMemoryPlanTest {
  private static final int VECTORS = 3_000;
  private static final int DIM = 32;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void budgetOfABuiltIndexMatchesItsFilesAndHoldsItsReadersHeap() throws IOException {
    Path dir = tmp.newFolder("diskann").toPath();
    Random random = new Random(11);
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(
                directory,
                new IndexWriterConfig()
                    // a graph for the one segment, as `bench run`'s force-merge builds it
                    .setCodec(
                        new AnnscaleCodec(
                            new DiskAnnVectorsFormat(
                                DiskAnnParameters.DEFAULT.withGraphThreshold(0))))
                    // the format's own files, as `bench run` writes them, not a compound file
                    .setUseCompoundFile(false)
                    .setMergePolicy(new GraphMergePolicy(noCompoundFiles())))) {
      for (int i = 0; i < VECTORS; i++) {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
          v[j] = random.nextFloat();
        }
        Document doc = new Document();
        doc.add(new KnnFloatVectorField("v", v, VectorSimilarityFunction.EUCLIDEAN));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
    Map<String, Long> files = fileBytesByExtension(dir);
    IndexFootprint footprint = IndexFootprint.measure(dir);
    assertEquals(VECTORS, footprint.vectors());
    assertEquals(1, footprint.segments());
    for (String extension : new String[] {"dam", "dan", "dap"}) {
      assertEquals(extension, files.get(extension), footprint.bytesByExtension().get(extension));
    }

    MemoryPlan.Budget b =
        new MemoryPlan(footprint, VectorFormatChoice.DISKANN.hotExtensions())
            .budget(VECTORS, DIM, 1);
    long disk = files.get("dam") + files.get("dan") + files.get("dap");
    assertEquals(disk, b.diskBytes(), 1e-6);
    assertEquals(
        "DiskANN reads its node file per query: nothing must stay in the page cache",
        0,
        b.hotBytes(),
        0);
    long cache = DiskAnnParameters.DEFAULT.cacheBytesFor(files.get("dan"));
    assertEquals(files.get("dap") + 2 * files.get("dam") + cache, b.heapBytes(), 1e-6);
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      long heap = VectorReaderHeap.bytes(reader);
      assertTrue(
          "reader heap " + heap + " > budget " + b.heapBytes(), heap > 0 && heap <= b.heapBytes());
      assertTrue(
          "the budget is an upper bound, not a guess: reader heap "
              + heap
              + ", budget "
              + b.heapBytes(),
          b.heapBytes() < 2 * heap);
    }

    // ten times the vectors in ten segments: per-vector files x 10, per-segment ones and the cache
    // x 10
    MemoryPlan.Budget tenfold =
        new MemoryPlan(footprint, VectorFormatChoice.DISKANN.hotExtensions())
            .budget(10L * VECTORS, DIM, 10);
    assertEquals(10 * disk, tenfold.diskBytes(), 1);
    assertEquals(10 * b.heapBytes(), tenfold.heapBytes(), 10);

    // the graph build's merge heap follows the largest segment, not the collection
    MemoryPlan plan = new MemoryPlan(footprint, VectorFormatChoice.DISKANN.hotExtensions());
    double oneSegment = plan.graphBuildHeap(10L * VECTORS, DIM, 1);
    assertEquals(DiskAnnParameters.DEFAULT.graphBuildHeapBytes(10L * VECTORS, DIM), oneSegment, 0);
    assertEquals(oneSegment / 10, plan.graphBuildHeap(10L * VECTORS, DIM, 10), 1e-6);
    assertTrue(
        "the vectors' heap copy alone is 4 x dimension bytes each",
        oneSegment > 10L * VECTORS * DIM * Float.BYTES);
  }

  private static org.apache.lucene.index.MergePolicy noCompoundFiles() {
    org.apache.lucene.index.TieredMergePolicy policy =
        new org.apache.lucene.index.TieredMergePolicy();
    policy.setNoCFSRatio(0);
    return policy;
  }

  private static Map<String, Long> fileBytesByExtension(Path dir) throws IOException {
    Map<String, Long> bytes = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        bytes.merge(name.substring(name.lastIndexOf('.') + 1), Files.size(file), Long::sum);
      }
    }
    return bytes;
  }
}
