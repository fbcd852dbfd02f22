package io.annscale.codec;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.Version;

/** The segment attributes {@link GraphMergePolicy} reads, written by either format. */
public class GraphMergePolicyTest extends LuceneTestCase {

  public void testMarkKeepsTheLargestFieldAndItsThreshold() {
    SegmentInfo info = segment(Map.of());
    GraphMergePolicy.markWithoutGraph(info, 0, 10);
    assertNull("no vectors, no mark", info.getAttribute(GraphMergePolicy.WITHOUT_GRAPH));
    GraphMergePolicy.markWithoutGraph(info, 800, 1000);
    GraphMergePolicy.markWithoutGraph(info, 300, 100);
    SegmentCommitInfo segment = commit(info);
    assertEquals(800, GraphMergePolicy.vectorsWithoutGraph(segment));
    assertFalse(
        "800 vectors are below the larger field's threshold of 1,000",
        GraphMergePolicy.graphPending(segment));
    GraphMergePolicy.markWithoutGraph(info, 1200, 1000);
    assertTrue(GraphMergePolicy.graphPending(commit(info)));
  }

  public void testSegmentsMarkedUnderDiskAnnsEarlierNamesAreStillRead() {
    SegmentCommitInfo segment =
        commit(
            segment(
                Map.of(
                    "annscale.diskann.vectorsWithoutGraph", "5000",
                    "annscale.diskann.graphThreshold", "1000")));
    assertEquals(5000, GraphMergePolicy.vectorsWithoutGraph(segment));
    assertTrue(GraphMergePolicy.graphPending(segment));
  }

  public void testAnUnreadableCountIsTreatedAsAGraph() {
    SegmentCommitInfo segment = commit(segment(Map.of(GraphMergePolicy.WITHOUT_GRAPH, "many")));
    assertEquals(0, GraphMergePolicy.vectorsWithoutGraph(segment));
  }

  private static SegmentInfo segment(Map<String, String> attributes) {
    return new SegmentInfo(
        new ByteBuffersDirectory(),
        Version.LATEST,
        Version.LATEST,
        "_0",
        10_000,
        false,
        false,
        Codec.getDefault(),
        Map.of(),
        StringHelper.randomId(),
        new HashMap<>(attributes),
        null);
  }

  private static SegmentCommitInfo commit(SegmentInfo info) {
    return new SegmentCommitInfo(info, 0, 0, -1, -1, -1, StringHelper.randomId());
  }
}
