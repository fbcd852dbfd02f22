package io.annscale.bench.solr;

import io.annscale.codec.GraphMergePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * Waits after ingestion until a collection's merges have settled, so that searches are measured on
 * the segments a quiet collection keeps: graphs built by merges included. Every poll hard-commits
 * (which also lets the merge policy look again) and reads the shard leaders' latest commits from
 * their index directories; the collection has settled when two polls in a row see the same segments
 * and no DiskANN merge is still owed (no segment large enough for a graph without one, and per
 * shard fewer vectors without a graph than the threshold that would merge them), and no merge runs
 * on the collection's cores where the target can tell.
 */
final class SettledMerges {
  private static final long POLL_MILLIS = 5_000;

  private SettledMerges() {}

  /**
   * Seconds until settled, or -1 when the index directories are not visible (a remote cluster) or
   * the collection did not settle within {@code timeoutSeconds}.
   */
  static double await(
      CloudSolrClient client, String collection, SolrCloudTarget target, long timeoutSeconds)
      throws IOException, SolrServerException, InterruptedException {
    List<Path> dirs = target.localIndexDirectories(collection);
    if (dirs.isEmpty()) {
      return -1;
    }
    long start = System.nanoTime();
    long deadline = start + timeoutSeconds * 1_000_000_000L;
    List<String> previous = null;
    while (System.nanoTime() < deadline) {
      client.commit(collection);
      List<String> segments = new ArrayList<>();
      boolean owed = false;
      for (Path dir : dirs) {
        try (Directory directory = FSDirectory.open(dir)) {
          SegmentInfos infos = SegmentInfos.readLatestCommit(directory);
          owed |= GraphMergePolicy.graphMergesOwed(infos);
          for (SegmentCommitInfo segment : infos) {
            segments.add(dir + "/" + segment.info.name);
          }
        }
      }
      // a cluster that does not report its merges (-1) is judged by its commits alone
      if (!owed && segments.equals(previous) && target.runningMerges(collection) <= 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      previous = segments;
      Thread.sleep(POLL_MILLIS);
    }
    return -1;
  }

  /**
   * "segments / vectors" without a graph (PQ-HNSW or DiskANN) in the latest commit of {@code dir}.
   */
  static String withoutGraph(Path dir) throws IOException {
    try (Directory directory = FSDirectory.open(dir)) {
      int segments = 0;
      long vectors = 0;
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
        int count = GraphMergePolicy.vectorsWithoutGraph(segment);
        segments += count > 0 ? 1 : 0;
        vectors += count;
      }
      return segments + " / " + vectors;
    }
  }
}
