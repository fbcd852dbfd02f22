package io.annscale.bench.solr;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * A SolrCloud cluster the benchmark talks to: started here, each node in a JVM of its own ({@link
 * ForkedSolrCloud}) or all in this one ({@link LocalSolrCloud}), or already running ({@link
 * ExistingSolrCloud}).
 */
public interface SolrCloudTarget extends Closeable {
  /** A client routed by the cluster state in ZooKeeper. */
  CloudSolrClient client();

  /** The ZooKeeper connect string, e.g. {@code 127.0.0.1:2181/solr}. */
  String zkHost();

  /** Solr nodes live now. */
  int liveNodes();

  /**
   * The index directories of the collection's shard leaders (one copy of the data) when this
   * process can read them (a local cluster), else an empty list: sizes and hot bytes are then taken
   * from Solr's metrics.
   */
  List<Path> localIndexDirectories(String collection) throws IOException;

  /**
   * Heap held by the vector readers of the collection's shard leaders (for DiskANN: PQ records and
   * the hot-node cache), or -1 when this process cannot see the cores.
   */
  long vectorHeapBytes(String collection);

  /**
   * Merges running or waiting on the IndexWriters of the collection's shard leaders, or -1 when
   * this process cannot see the cores.
   */
  int runningMerges(String collection) throws IOException;

  /**
   * Resident set of the node processes together, when they run on this machine in processes of
   * their own; else -1.
   */
  default long nodesResidentBytes() {
    return -1;
  }

  /**
   * File descriptors the node processes hold open together, when they run on this machine (in this
   * process or their own); else -1.
   */
  default long nodesOpenFiles() {
    return -1;
  }

  /**
   * Heap the nodes' JVMs held after their last garbage collection, summed over the heap's pools (a
   * leak shows as growth here, not in heap used, which garbage blurs), when this process can see
   * it; else -1.
   */
  default long nodesLiveHeapBytes() {
    return -1;
  }

  /**
   * Runs a full garbage collection in every node's JVM and returns the heap they use afterwards,
   * summed: what the nodes hold live, with no garbage and no collector's timing in it. -1 when this
   * process cannot collect the nodes' heaps.
   *
   * @throws IOException when a collection was asked for and failed
   */
  default long nodesHeapAfterFullCollection() throws IOException {
    return -1;
  }

  /** The files Solr's log went to, when this process started the nodes; else empty. */
  default List<Path> logFiles() {
    return List.of();
  }

  /** For logs and the result: what was measured, e.g. {@code local SolrCloud, 3 nodes}. */
  String describe();
}
