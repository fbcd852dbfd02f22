package io.annscale.solr.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A solr home as an installed node has it: {@code solr.xml} with the timeouts of Solr's own {@code
 * server/solr/solr.xml}, {@code zoo.cfg} for the embedded ZooKeeper, and the annscale plugin jar in
 * {@code lib/}.
 */
public final class SolrNodeHome {
  private SolrNodeHome() {}

  /**
   * Writes the solr home {@code home}.
   *
   * @param zkHost the ZooKeeper to join, or null for the node that runs it ({@code -DzkRun})
   */
  public static void install(Path home, Path pluginJar, String zkHost) throws IOException {
    Files.createDirectories(home.resolve("lib"));
    Files.copy(pluginJar, home.resolve("lib").resolve(pluginJar.getFileName()));
    // a hard commit that merges a large DiskANN segment, or a shard split, takes minutes
    Files.writeString(
        home.resolve("solr.xml"),
        """
        <solr>
          <solrcloud>
            <str name="host">127.0.0.1</str>
            <int name="hostPort">${hostPort:8983}</int>
            <str name="hostContext">${hostContext:solr}</str>
        %s    <bool name="genericCoreNodeNames">true</bool>
            <int name="zkClientTimeout">30000</int>
            <int name="distribUpdateSoTimeout">600000</int>
            <int name="distribUpdateConnTimeout">60000</int>
          </solrcloud>
          <shardHandlerFactory name="shardHandlerFactory" class="HttpShardHandlerFactory">
            <int name="socketTimeout">600000</int>
            <int name="connTimeout">60000</int>
          </shardHandlerFactory>
        </solr>
        """
            .formatted(zkHost == null ? "" : "    <str name=\"zkHost\">" + zkHost + "</str>\n"));
    // what server/solr/zoo.cfg gives Solr's embedded ZooKeeper (Solr finds it in the solr home)
    Files.writeString(
        home.resolve("zoo.cfg"),
        "tickTime=2000\ninitLimit=10\nsyncLimit=5\n4lw.commands.whitelist=mntr,conf,ruok\n"
            + "admin.enableServer=false\n");
  }

  /** A free port. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A free port whose +1000 neighbour (the embedded ZooKeeper's) is free too. */
  public static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = freePort();
      if (candidate + 1000 > 65535) {
        continue;
      }
      try (ServerSocket a = new ServerSocket(candidate);
          ServerSocket b = new ServerSocket(candidate + 1000)) {
        return candidate;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port pair (p, p + 1000) for a Solr node and its ZooKeeper");
  }
}
