/**
 * A Solr node in a JVM of its own with the annscale plugin installed in its solr home, as
 * docs/solr.md installs it: the node's main class, its solr home, its classpath (Solr without
 * annscale), and the process handle the install test and the benchmark's local cluster use.
 */
package io.annscale.solr.node;
