package io.annscale.solr.node;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud node in a JVM of its own, as {@code bin/solr start -c} runs one: Solr's web
 * application in Jetty at {@code /solr} with the given solr home (its {@code lib/} holds the
 * annscale plugin jar), joined to the ZooKeeper its solr.xml names, or running Solr's embedded
 * ZooKeeper on port + 1000 with {@code -DzkRun}. Prints {@value #READY} and its base URL once it
 * answers; stops cleanly (cores closed, as {@code bin/solr stop}) when its standard input says
 * {@code stop} or ends, so a node never outlives the process that started it.
 *
 * <p>Refuses to start when annscale's Solr plugin is on its own classpath: the jar in {@code
 * <solr_home>/lib} must be all Solr needs, as in an install.
 *
 * <p>Arguments: solr home, port.
 */
public final class SolrNodeMain {
  static final String READY = "annscale-solr-node: ready at ";

  private SolrNodeMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SolrNodeMain <solr home> <port>");
      System.exit(2);
    }
    if (ClassLoader.getSystemClassLoader().getResource("io/annscale/solr/DiskAnnVectorField.class")
        != null) {
      System.err.println(
          "annscale-solr-node: the plugin is on the node's classpath; an installed node has it in"
              + " <solr_home>/lib only");
      System.exit(2);
    }
    String solrHome = args[0];
    int port = Integer.parseInt(args[1]);
    System.setProperty("solr.solr.home", solrHome);
    System.setProperty("hostPort", Integer.toString(port));
    JettySolrRunner jetty =
        new JettySolrRunner(
            solrHome, JettyConfig.builder().setPort(port).setContext("/solr").build());
    try {
      jetty.start();
    } catch (Exception e) {
      System.err.println("annscale-solr-node: Solr did not start: " + e);
      System.exit(1); // Solr's threads would keep a failed node's JVM alive
    }
    System.out.println(READY + jetty.getBaseUrl());
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine();
          line != null && !line.equals("stop");
          line = in.readLine()) {
        // wait to be told to stop, or for the starting process to go away
      }
    }
    try {
      jetty.stop();
    } finally {
      System.exit(0); // Solr's non-daemon threads must not keep the node alive
    }
  }
}
