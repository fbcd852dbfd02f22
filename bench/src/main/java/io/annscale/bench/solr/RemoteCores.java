package io.annscale.bench.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;

/**
 * What the benchmark learns of a collection's cores over HTTP, for nodes in other processes: where
 * the shard leaders keep their indexes (CoreAdmin {@code STATUS}; readable here when the nodes run
 * on this machine) and how many merges run on its cores (the {@code INDEX.merge.*.running} gauges
 * of Solr's metrics API, which the configsets turn on with {@code <metrics><bool
 * name="merge">true</bool></metrics>}).
 */
final class RemoteCores {
  private static final String MAJOR = "INDEX.merge.major.running";
  private static final String MINOR = "INDEX.merge.minor.running";

  private RemoteCores() {}

  /**
   * The index directories of the collection's active shard leaders (the directory {@code
   * index.properties} names after a replication, else {@code <dataDir>/index}).
   */
  static List<Path> leaderIndexDirectories(CloudSolrClient client, String collection)
      throws IOException {
    DocCollection state = client.getClusterState().getCollectionOrNull(collection);
    if (state == null) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    for (Slice slice : state.getActiveSlices()) {
      Replica leader = slice.getLeader();
      if (leader == null) {
        throw new IOException(collection + "/" + slice.getName() + " has no leader now");
      }
      Path dataDir = Path.of(dataDir(leader));
      dirs.add(dataDir.resolve(indexDirName(dataDir)));
    }
    return dirs;
  }

  private static String dataDir(Replica replica) throws IOException {
    try (Http2SolrClient node = new Http2SolrClient.Builder(replica.getBaseUrl()).build()) {
      NamedList<Object> status =
          CoreAdminRequest.getStatus(replica.getCoreName(), node)
              .getCoreStatus(replica.getCoreName());
      Object dataDir = status == null ? null : status.get("dataDir");
      if (dataDir == null) {
        throw new IOException(
            "core " + replica.getCoreName() + " at " + replica.getBaseUrl() + " has no dataDir");
      }
      return dataDir.toString();
    } catch (SolrServerException e) {
      throw new IOException("CoreAdmin STATUS of " + replica.getCoreName() + ": " + e, e);
    }
  }

  private static String indexDirName(Path dataDir) throws IOException {
    Path properties = dataDir.resolve("index.properties");
    if (Files.isRegularFile(properties)) {
      Properties p = new Properties();
      try (var in = Files.newInputStream(properties)) {
        p.load(in);
      }
      String index = p.getProperty("index");
      if (index != null && !index.isBlank()) {
        return index.trim();
      }
    }
    return "index";
  }

  /**
   * Heap the live nodes' JVMs held after their last collections (the {@code
   * memory.pools.*.used-after-gc} gauges of Solr's JVM metrics, which only heap pools have),
   * summed; -1 when a node does not report them.
   */
  static long liveHeapBytes(CloudSolrClient client) throws IOException {
    return jvmGauges(client, "memory.pools.", ".used-after-gc");
  }

  /** Heap used by the live nodes' JVMs now (Solr's {@code memory.heap.used}), summed; or -1. */
  static long heapUsedBytes(CloudSolrClient client) throws IOException {
    return jvmGauges(client, "memory.heap.used", "memory.heap.used");
  }

  /**
   * The sum over the live nodes of Solr's JVM gauges whose names start with {@code prefix} and end
   * with {@code suffix}; -1 when a node reports none.
   */
  private static long jvmGauges(CloudSolrClient client, String prefix, String suffix)
      throws IOException {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("group", "jvm");
    params.set("prefix", prefix);
    long bytes = 0;
    for (String node : client.getClusterState().getLiveNodes()) {
      String baseUrl =
          ZkClientClusterStateProvider.from(client).getZkStateReader().getBaseUrlForNodeName(node);
      try (Http2SolrClient solr = new Http2SolrClient.Builder(baseUrl).build()) {
        NamedList<Object> response =
            solr.request(new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/metrics", params));
        int gauges = 0;
        for (Map.Entry<String, Object> registry : entries(response.get("metrics"))) {
          for (Map.Entry<String, Object> gauge : entries(registry.getValue())) {
            if (gauge.getKey().endsWith(suffix) && gauge.getValue() instanceof Number n) {
              bytes += n.longValue();
              gauges++;
            }
          }
        }
        if (gauges == 0) {
          return -1;
        }
      } catch (SolrServerException e) {
        throw new IOException("JVM metrics of " + baseUrl + ": " + e, e);
      }
    }
    return bytes;
  }

  /**
   * Merges running on any core of the collection, or -1 when a core does not report them (its
   * solrconfig.xml has no merge metrics).
   */
  static int runningMerges(CloudSolrClient client, String collection) throws IOException {
    DocCollection state = client.getClusterState().getCollectionOrNull(collection);
    if (state == null) {
      return -1;
    }
    Set<String> nodes = new LinkedHashSet<>();
    // the metrics registries of the active shards' replicas:
    // solr.core.<collection>.<shard>.<replica>
    Set<String> registries = new java.util.HashSet<>();
    for (Slice slice : state.getActiveSlices()) {
      for (Replica replica : slice.getReplicas()) {
        nodes.add(replica.getBaseUrl());
        String corePrefix = collection + "_" + slice.getName() + "_";
        String core = replica.getCoreName();
        String replicaPart =
            core.startsWith(corePrefix) ? core.substring(corePrefix.length()) : replica.getName();
        registries.add("solr.core." + collection + "." + slice.getName() + "." + replicaPart);
      }
    }
    int cores = registries.size();
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("group", "core");
    params.set("prefix", MAJOR + "," + MINOR);
    int running = 0;
    int reported = 0;
    for (String baseUrl : nodes) {
      try (Http2SolrClient node = new Http2SolrClient.Builder(baseUrl).build()) {
        NamedList<Object> response =
            node.request(new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/metrics", params));
        for (Map.Entry<String, Object> registry : entries(response.get("metrics"))) {
          if (!registries.contains(registry.getKey())) {
            continue;
          }
          Object major = value(registry.getValue(), MAJOR);
          Object minor = value(registry.getValue(), MINOR);
          if (major instanceof Number a && minor instanceof Number b) {
            running += a.intValue() + b.intValue();
            reported++;
          }
        }
      } catch (SolrServerException e) {
        throw new IOException("metrics of " + baseUrl + ": " + e, e);
      }
    }
    return reported == cores ? running : -1;
  }

  @SuppressWarnings("unchecked")
  private static Iterable<Map.Entry<String, Object>> entries(Object container) {
    if (container instanceof NamedList<?> list) {
      return ((NamedList<Object>) list);
    }
    if (container instanceof Map<?, ?> map) {
      return ((Map<String, Object>) map).entrySet();
    }
    return List.of();
  }

  private static Object value(Object container, String key) {
    if (container instanceof NamedList<?> list) {
      return list.get(key);
    }
    if (container instanceof Map<?, ?> map) {
      return map.get(key);
    }
    return null;
  }
}
