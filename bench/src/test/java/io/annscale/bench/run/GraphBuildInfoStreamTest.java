package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class GraphBuildInfoStreamTest {
  @Test
  public void passesGraphBuildersAndDropsTheRest() {
    StringWriter out = new StringWriter();
    GraphBuildInfoStream stream = new GraphBuildInfoStream(new PrintWriter(out), () -> 0L);
    assertTrue(stream.isEnabled("DISKANN"));
    assertTrue(stream.isEnabled("HNSW"));
    assertFalse(stream.isEnabled("IW"));
    assertFalse(stream.isEnabled("MS"));
    stream.message("HNSW", "build graph from 7260000 vectors");
    stream.message("DISKANN", "pass 1 took 12.0 s");
    assertEquals(
        "bench: hnsw build graph from 7260000 vectors\nbench: diskann pass 1 took 12.0 s\n",
        out.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  public void hnswNodeCountsAtMostOnceAMinute() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong();
    GraphBuildInfoStream stream = new GraphBuildInfoStream(new PrintWriter(out), clock::get);
    stream.message("HNSW", "built 0 in 0/0 ms");
    clock.addAndGet(GraphBuildInfoStream.NODE_COUNT_INTERVAL_NANOS - 1);
    stream.message("HNSW", "built 10000 in 900/900 ms");
    clock.addAndGet(1);
    stream.message("HNSW", "built 20000 in 900/1800 ms");
    stream.message("HNSW", "addVectors [0 20001)");
    assertEquals(
        "bench: hnsw built 0 in 0/0 ms\nbench: hnsw built 20000 in 900/1800 ms\nbench: hnsw addVectors [0 20001)\n",
        out.toString().replace(System.lineSeparator(), "\n"));
  }
}
