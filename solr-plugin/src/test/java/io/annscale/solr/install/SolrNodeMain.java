package io.annscale.solr.install;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud node in its own JVM, as {@code bin/solr start -c} runs one: Solr's web application in
 * Jetty, the solr home given, and, with {@code -DzkRun}, Solr's embedded ZooKeeper on port + 1000.
 * Prints {@value #READY} when it answers; stops cleanly (cores closed, like {@code bin/solr stop})
 * when its standard input says {@code stop}.
 *
 * <p>Refuses to start when annscale classes are on its own classpath: the install test must prove
 * that the jar in {@code <solr_home>/lib} is all Solr needs.
 *
 * <p>Arguments: solr home, port.
 */
public final class SolrNodeMain {
  static final String READY = "annscale-install-test: node ready at ";

  private SolrNodeMain() {}

  public static void main(String[] args) throws Exception {
    if (ClassLoader.getSystemClassLoader().getResource("io/annscale/solr/DiskAnnVectorField.class")
        != null) {
      System.err.println(
          "annscale-install-test: the plugin is on the node's classpath; the test needs it absent");
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
      e.printStackTrace();
      System.exit(1); // Solr's threads would keep a failed node's JVM alive
    }
    System.out.println(READY + jetty.getBaseUrl());
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine();
          line != null && !line.equals("stop");
          line = in.readLine()) {
        // wait for the test to say stop
      }
    }
    jetty.stop();
    System.exit(0);
  }
}
