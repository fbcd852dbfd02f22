package io.annscale.bench.run;

import io.annscale.diskann.DiskAnnReadSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;

/**
 * The machine and JVM a result was measured on.
 *
 * @param kernels our distance kernels ({@code panama-<bits>} or {@code scalar})
 * @param luceneScorer the flat-vector scorer Lucene chose: {@code
 *     Lucene99MemorySegmentFlatVectorsScorer} when its Vector API code is on (Lucene 9.12 enables
 *     it only on Java 20 and later), {@code DefaultFlatVectorScorer} when Lucene scores with scalar
 *     code
 * @param diskAnnIo how DiskANN readers read node blocks: {@code mmap} or {@code direct}
 * @param diskAnnCacheMb the DiskANN hot-node cache budget readers were told (MiB), or null for each
 *     index's own
 * @param codeVersion the commit the bench was built from, {@code -dirty} when its tree had
 *     uncommitted changes; {@code unknown} when built outside a git checkout
 */
public record Environment(
    String date,
    String javaVersion,
    String vm,
    int cores,
    long maxHeapBytes,
    long physicalMemoryBytes,
    String cpu,
    String os,
    String lucene,
    String kernels,
    String luceneScorer,
    String diskAnnIo,
    String diskAnnCacheMb,
    String codeVersion) {

  /** This JVM, serving DiskANN indexes with the default read settings (or none). */
  public static Environment current() {
    return current(DiskAnnReadSettings.DEFAULT);
  }

  /** This JVM, serving DiskANN indexes with {@code diskAnnRead}. */
  public static Environment current(DiskAnnReadSettings diskAnnRead) {
    return new Environment(
        Instant.now().toString(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory(),
        physicalMemory(),
        cpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        org.apache.lucene.util.Version.LATEST.toString(),
        io.annscale.codec.distance.DistanceKernels.best().name(),
        FlatVectorScorerUtil.getLucene99FlatVectorsScorer().getClass().getSimpleName(),
        diskAnnRead.io(),
        diskAnnRead.cacheBytes() == DiskAnnReadSettings.SEGMENT_CACHE
            ? null
            : BigDecimal.valueOf(diskAnnRead.cacheBytes())
                .divide(BigDecimal.valueOf(1024 * 1024))
                .stripTrailingZeros()
                .toPlainString(),
        buildCommit());
  }

  /** From the properties the build writes beside this class (bench/pom.xml, the git command). */
  static String buildCommit() {
    Properties git = new Properties();
    try (InputStream in = Environment.class.getResourceAsStream("code-version.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      // a build without the file: the version is unknown, the result still valid
    }
    String commit = git.getProperty("git.commit.id.abbrev");
    if (commit == null || commit.isBlank()) {
      return "unknown";
    }
    return Boolean.parseBoolean(git.getProperty("git.dirty")) ? commit + "-dirty" : commit;
  }

  private static long physicalMemory() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getTotalMemorySize()
        : -1;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the model is nice to have, not needed
    }
    return "unknown";
  }

  /** Resident set size of this process in bytes, or -1 where /proc is not available. */
  public static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }
}
