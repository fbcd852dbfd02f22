package io.annscale.bench.solr;

import java.nio.file.Path;
import java.util.List;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * A running SolrCloud cluster reached through its ZooKeeper ({@code
 * host:port[,host:port...][/chroot]}). Its nodes must have the annscale plugin installed
 * (docs/solr.md) for the annscale configsets.
 */
public final class ExistingSolrCloud implements SolrCloudTarget {
  private final String zkHost;
  private final CloudSolrClient client;

  private ExistingSolrCloud(String zkHost, CloudSolrClient client) {
    this.zkHost = zkHost;
    this.client = client;
  }

  public static ExistingSolrCloud connect(String zkHost) {
    return new ExistingSolrCloud(zkHost, BenchSolrClient.connect(zkHost));
  }

  @Override
  public CloudSolrClient client() {
    return client;
  }

  @Override
  public String zkHost() {
    return zkHost;
  }

  @Override
  public int liveNodes() {
    return client.getClusterState().getLiveNodes().size();
  }

  @Override
  public List<Path> localIndexDirectories(String collection) {
    return List.of();
  }

  @Override
  public long vectorHeapBytes(String collection) {
    return -1;
  }

  /** From Solr's merge metrics, as for any cluster; -1 where the cores do not report them. */
  @Override
  public int runningMerges(String collection) throws java.io.IOException {
    return RemoteCores.runningMerges(client, collection);
  }

  @Override
  public String describe() {
    return "SolrCloud at ZooKeeper " + zkHost + ", " + liveNodes() + " live nodes";
  }

  @Override
  public void close() throws java.io.IOException {
    client.close();
  }
}
