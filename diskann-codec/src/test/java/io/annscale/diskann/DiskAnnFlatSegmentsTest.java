package io.annscale.diskann;

import io.annscale.codec.testutil.FlatSegmentsTestCase;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;

/** DiskANN's flushes write no graph; its merges build one from the graph threshold up. */
public class DiskAnnFlatSegmentsTest extends FlatSegmentsTestCase {
  @Override
  protected KnnVectorsFormat format(int graphThreshold) {
    return new DiskAnnVectorsFormat(DiskAnnParameters.DEFAULT.withGraphThreshold(graphThreshold));
  }

  @Override
  protected boolean hasGraph(KnnVectorsReader segmentReader, String field) {
    return ((DiskAnnVectorsReader) segmentReader).hasGraph(field);
  }
}
