package io.annscale.solr.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Solr node process ({@link SolrNodeMain} in a JVM of its own): what it prints goes to {@code
 * console.log} in its solr home and the last lines are kept for error messages; it is stopped
 * through its standard input as {@code bin/solr stop} stops a node (cores closed), and killed only
 * if that does not end it.
 */
public final class SolrNodeProcess {
  private static final long START_SECONDS = 180;
  private static final long STOP_SECONDS = 120;
  private static final int TAIL_LINES = 40;
  private static final long GC_SECONDS = 120;

  private final Process process;
  private final Writer stdin;
  private final Path home;
  private final int port;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final Deque<String> tail = new ArrayDeque<>();

  private SolrNodeProcess(Process process, Path home, int port) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.home = home;
    this.port = port;
  }

  /**
   * Starts {@link SolrNodeMain} for solr home {@code home} and {@code port} in a JVM of this JVM's
   * java, with {@code options} and {@code classpath}, and copies its output to {@code console.log}
   * in {@code home}.
   */
  public static SolrNodeProcess start(List<String> options, String classpath, Path home, int port)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(classpath);
    command.add(SolrNodeMain.class.getName());
    // the node runs in its solr home: a relative path would resolve against it
    command.add(home.toAbsolutePath().toString());
    command.add(Integer.toString(port));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.directory(home.toFile());
    SolrNodeProcess node = new SolrNodeProcess(builder.start(), home, port);
    Thread copier = new Thread(node::copyOutput, "solr-node-" + port + "-output");
    copier.setDaemon(true);
    copier.start();
    return node;
  }

  private void copyOutput() {
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter console =
            new PrintWriter(
                Files.newBufferedWriter(home.resolve("console.log"), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        console.println(line);
        console.flush();
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        if (line.startsWith(SolrNodeMain.READY)) {
          ready.complete(line.substring(SolrNodeMain.READY.length()).trim());
        }
      }
    } catch (IOException e) {
      // the process has gone; awaitReady reports it with the lines it printed
    } finally {
      ready.completeExceptionally(new IOException("exited"));
    }
  }

  /** Waits until the node answers; its base URL. Fails with the node's last lines otherwise. */
  public String awaitReady() throws IOException, InterruptedException {
    try {
      return ready.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          "Solr node on port " + port + " not ready within " + START_SECONDS + " s" + lastLines());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(
          "Solr node on port " + port + " exited before it was ready" + lastLines());
    }
  }

  private String lastLines() {
    synchronized (tail) {
      return "; its last lines (" + home.resolve("console.log") + "):\n" + String.join("\n", tail);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Resident set of the node's process (heap, code and the index pages it touched), or -1. */
  public long residentBytes() {
    return ProcessResources.residentBytes(process.pid());
  }

  /** File descriptors the node's process holds open, or -1. */
  public long openFiles() {
    return ProcessResources.openFiles(process.pid());
  }

  /**
   * Runs a full garbage collection in the node's JVM ({@code jcmd <pid> GC.run}, which returns when
   * it has ended), so that the heap used afterwards is what the node holds live.
   *
   * @throws IOException when this JVM's {@code java.home} has no {@code jcmd} (a JRE) or the
   *     command fails; the message names the command and what it printed
   */
  public void collectGarbage() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      throw new IOException(
          "no " + jcmd + ": a full collection in a node's JVM needs a JDK's jcmd, not a JRE");
    }
    Process gc =
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
            .redirectErrorStream(true)
            .start();
    String output = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!gc.waitFor(GC_SECONDS, TimeUnit.SECONDS)) {
      gc.destroyForcibly();
      throw new IOException(
          jcmd + " " + process.pid() + " GC.run did not end in " + GC_SECONDS + " s");
    }
    if (gc.exitValue() != 0) {
      throw new IOException(
          jcmd + " " + process.pid() + " GC.run exited " + gc.exitValue() + ": " + output.strip());
    }
  }

  /** Asks the node to stop as bin/solr stop does; kills it if it has not ended in two minutes. */
  public void stop() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    try {
      stdin.write("stop\n");
      stdin.flush();
    } catch (IOException e) {
      // its input is closed: it stops on its own
    }
    if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Kills the process at once (the benchmark's JVM is exiting). */
  public void kill() {
    process.destroyForcibly();
  }

  /** The node's solr home; Solr's log is {@code solr.log} in it. */
  public Path home() {
    return home;
  }
}
