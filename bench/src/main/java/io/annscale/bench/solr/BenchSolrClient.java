package io.annscale.bench.solr;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * The benchmark's SolrJ client: routed by ZooKeeper, with timeouts long enough for what a benchmark
 * asks of a cluster (a hard commit that flushes a large buffer into DiskANN graphs, an optimize, a
 * shard split take minutes on a small machine; SolrJ's defaults give up after two).
 */
final class BenchSolrClient {
  static final long TIMEOUT_MINUTES = 60;

  private BenchSolrClient() {}

  /**
   * @param zkHost {@code host:port[,host:port...][/chroot]}
   */
  static CloudSolrClient connect(String zkHost) {
    int slash = zkHost.indexOf('/');
    List<String> hosts = List.of((slash < 0 ? zkHost : zkHost.substring(0, slash)).split(","));
    Optional<String> chroot = slash < 0 ? Optional.empty() : Optional.of(zkHost.substring(slash));
    CloudSolrClient client =
        new CloudSolrClient.Builder(hosts, chroot)
            .withZkConnectTimeout(30, TimeUnit.SECONDS)
            .withInternalClientBuilder(
                new Http2SolrClient.Builder()
                    .withIdleTimeout(TIMEOUT_MINUTES, TimeUnit.MINUTES)
                    .withRequestTimeout(TIMEOUT_MINUTES, TimeUnit.MINUTES))
            .build();
    client.connect();
    return client;
  }
}
