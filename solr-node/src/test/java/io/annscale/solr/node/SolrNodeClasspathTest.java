package io.annscale.solr.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A node's classpath keeps Solr and drops annscale's formats; the plugin jar is found or named. */
public class SolrNodeClasspathTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void nodeClasspathHasSolrButNotAnnscaleFormats() throws IOException {
    Path target = tmp.newFolder("solr-plugin", "target").toPath();
    Path pluginJar = target.resolve("annscale-solr-plugin-1.0.jar");
    Files.createFile(pluginJar);
    List<String> entries =
        List.of(
            "/repo/goap-runner/target/annscale-goap-runner-1.0.jar",
            "/repo/bench/target/annscale-bench-1.0.jar",
            "/repo/codec/target/annscale-codec-1.0.jar",
            "/repo/diskann-codec/target/classes",
            pluginJar.toString(),
            "/m2/org/apache/solr/solr-core/9.10.1/solr-core-9.10.1.jar");
    String classpath = SolrNodeClasspath.forNode(entries);
    assertTrue(classpath, classpath.contains("solr-core-9.10.1.jar"));
    assertTrue(classpath, classpath.contains("annscale-bench-1.0.jar"));
    assertFalse(classpath, classpath.contains("annscale-codec"));
    assertFalse(classpath, classpath.contains("diskann-codec"));
    assertFalse(classpath, classpath.contains("annscale-solr-plugin"));
    try {
      SolrNodeClasspath.pluginJar(entries);
      fail("no -solr.jar beside the plugin");
    } catch (IOException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("annscale-solr-plugin-1.0-solr.jar"));
      assertTrue(e.getMessage(), e.getMessage().contains("mvn package"));
    }
    Path built = Files.createFile(target.resolve("annscale-solr-plugin-1.0-solr.jar"));
    assertEquals(built, SolrNodeClasspath.pluginJar(entries));
  }
}
