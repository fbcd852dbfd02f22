package io.annscale.goap.loop;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's resources at one moment: heap used, resident set, CPU time and bytes read from
 * storage. The runner's local SolrCloud and embedded indexes live in this process, so these are the
 * system under test's.
 *
 * @param readBytes bytes this process caused to be read from storage ({@code /proc/self/io
 *     read_bytes}); -1 elsewhere
 */
public record ResourceSnapshot(
    long nanoTime, long heapUsedBytes, long residentBytes, long cpuNanos, long readBytes) {

  public static ResourceSnapshot now() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long cpu =
        os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    Runtime rt = Runtime.getRuntime();
    return new ResourceSnapshot(
        System.nanoTime(),
        rt.totalMemory() - rt.freeMemory(),
        io.annscale.bench.run.Environment.residentBytes(),
        cpu,
        procIo("read_bytes:"));
  }

  private static long procIo(String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/io"));
      for (String line : lines) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: unknown
    }
    return -1;
  }
}
