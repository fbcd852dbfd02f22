package io.annscale.bench.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.cli.DownloadCommand;
import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.truth.GroundTruth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * Whole data sets from a loopback server: prefixes with patched headers, ground truth, archives,
 * the CLI.
 */
public class DatasetDownloaderTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private LoopbackServer server;
  private final DatasetDownloader downloader =
      new DatasetDownloader(
          new HttpDownloader(2, Duration.ofMillis(10), Duration.ofSeconds(5)),
          HttpDownloader.Listener.NONE);

  @Before
  public void start() throws IOException {
    server = new LoopbackServer();
  }

  @After
  public void stop() {
    server.close();
  }

  /**
   * An fbin of {@code n x d} floats where component {@code t} of vector {@code i} is {@code i + t /
   * 100}.
   */
  private static byte[] fbin(int n, int d) {
    ByteBuffer b = ByteBuffer.allocate(8 + n * d * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(n).putInt(d);
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        b.putFloat(i + t / 100f);
      }
    }
    return b.array();
  }

  @Test
  public void prefixKeepsTheFirstVectorsWithAPatchedHeader() throws Exception {
    server.put("/DEEP/base.1B.fbin", fbin(1_000, 8));
    server.put("/DEEP/query.public.10K.fbin", fbin(5, 8));
    DatasetSpec spec =
        new DatasetSpec(
            "deep-test",
            "test",
            100,
            8,
            "float32",
            "euclidean",
            0,
            List.of(
                RemoteFile.prefix(server.url("/DEEP/base.1B.fbin"), "base.fbin", 100, 8, 4),
                RemoteFile.plain(server.url("/DEEP/query.public.10K.fbin"), "query.fbin")));
    Path dir = tmp.getRoot().toPath().resolve("deep");
    DatasetDownloader.Manifest manifest = downloader.download(spec, dir, null);
    assertEquals("bytes=0-" + (8 + 100 * 8 * 4 - 1), server.ranges().get(0));
    VectorFileInfo info = VectorFileInfo.read(dir.resolve("base.fbin"));
    assertEquals(100, info.count());
    assertEquals(8, info.dimension());
    float[] vectors = new float[100 * 8];
    try (VectorFileReader reader = VectorFileReader.open(dir.resolve("base.fbin"))) {
      assertEquals(100, reader.read(vectors, 100));
    }
    assertEquals(99 + 7 / 100f, vectors[99 * 8 + 7], 0f);
    assertEquals(List.of("base.fbin", "query.fbin"), List.copyOf(manifest.sha256ByFile().keySet()));
    assertTrue(Files.readString(dir.resolve("dataset.json")).contains("deep-test"));
    // run again: everything is complete, nothing is fetched
    int requests = server.ranges().size();
    downloader.download(spec, dir, null);
    assertEquals(requests, server.ranges().size());
  }

  @Test
  public void aPrefixLongerThanThePublishedFileIsRefused() {
    server.put("/small.fbin", fbin(10, 4));
    DatasetSpec spec =
        new DatasetSpec(
            "x",
            "x",
            20,
            4,
            "float32",
            "euclidean",
            0,
            List.of(RemoteFile.prefix(server.url("/small.fbin"), "base.fbin", 20, 4, 4)));
    IOException e =
        assertThrows(
            IOException.class,
            () -> downloader.download(spec, tmp.getRoot().toPath().resolve("x"), null));
    assertTrue(e.getMessage(), e.getMessage().contains("small.fbin"));
  }

  @Test
  public void bigAnnGroundTruthIsSplitIntoIdsAndDistances() throws Exception {
    int queries = 3;
    int k = 4;
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * queries * k * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(queries).putInt(k);
    for (int i = 0; i < queries * k; i++) {
      b.putInt(i * 10);
    }
    for (int i = 0; i < queries * k; i++) {
      b.putFloat(i / 2f);
    }
    server.put("/GT_10M/deep-10M", b.array());
    DatasetSpec spec =
        new DatasetSpec(
            "gt",
            "gt",
            0,
            0,
            "float32",
            "euclidean",
            0,
            List.of(RemoteFile.groundTruth(server.url("/GT_10M/deep-10M"), "groundtruth")));
    Path dir = tmp.getRoot().toPath().resolve("gt");
    downloader.download(spec, dir, null);
    GroundTruth truth =
        GroundTruth.read(dir.resolve("groundtruth.ibin"), dir.resolve("groundtruth.dist.fbin"));
    assertEquals(queries, truth.queryCount());
    assertEquals(k, truth.k());
    assertArrayEquals(new int[] {40, 50, 60, 70}, truth.ids()[1]);
    assertEquals(5.5f, truth.distances()[2][3], 0f);
  }

  @Test
  public void archivesAreUnpackedAndTraversalIsRefused() throws Exception {
    server.put("/corpus/sift.tar.gz", tarGz("sift/sift_base.fvecs", "sift/sift_query.fvecs"));
    server.put("/corpus/evil.tar.gz", tarGz("sift/ok.fvecs", "../../escaped.fvecs"));
    Path dir = tmp.getRoot().toPath().resolve("sift");
    DatasetSpec good =
        new DatasetSpec(
            "sift",
            "s",
            0,
            0,
            "float32",
            "euclidean",
            0,
            List.of(RemoteFile.tarGz(server.url("/corpus/sift.tar.gz"), "sift.tar.gz")));
    downloader.download(good, dir, null);
    assertEquals("sift/sift_base.fvecs", Files.readString(dir.resolve("sift/sift_base.fvecs")));
    assertTrue(Files.exists(dir.resolve("sift.tar.gz.extracted")));
    DatasetSpec evil =
        new DatasetSpec(
            "evil",
            "e",
            0,
            0,
            "float32",
            "euclidean",
            0,
            List.of(RemoteFile.tarGz(server.url("/corpus/evil.tar.gz"), "evil.tar.gz")));
    Path evilDir = tmp.getRoot().toPath().resolve("a/b/evil");
    IOException e = assertThrows(IOException.class, () -> downloader.download(evil, evilDir, null));
    assertTrue(e.getMessage(), e.getMessage().contains("outside"));
    assertTrue(Files.notExists(tmp.getRoot().toPath().resolve("a/escaped.fvecs")));
  }

  /** A tar.gz whose entries hold their own names as content. */
  private static byte[] tarGz(String... names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (String name : names) {
        byte[] content = name.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  public void mirrorsKeepThePublishedPaths() {
    assertEquals(
        "http://127.0.0.1:9/m/yandex-research/ann-datasets/DEEP/base.1B.fbin",
        DatasetDownloader.rebase(DatasetCatalog.DEEP + "base.1B.fbin", "http://127.0.0.1:9/m/"));
  }

  @Test
  public void catalogNamesThePlansSetsAndTheCliListsThem() {
    for (String name : List.of("sift1m", "gist1m", "deep10m", "deep100m", "spacev10m")) {
      assertTrue(name, DatasetCatalog.find(name).isPresent());
    }
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new DownloadCommand());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--list"));
    assertTrue(
        out.toString(), out.toString().contains("sift1m") && out.toString().contains("spacev100m"));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertTrue(cli.execute("nosuchset") != 0);
    assertTrue(err.toString(), err.toString().contains("unknown data set \"nosuchset\""));
  }

  /**
   * The whole CLI path with --base-url: a user's HTTP mirror of the TEXMEX FTP files, here the
   * loopback server.
   */
  @Test
  public void cliDownloadsFromAMirror() throws Exception {
    server.put(
        "/local/texmex/corpus/sift.tar.gz",
        tarGz("sift/sift_base.fvecs", "sift/sift_groundtruth.ivecs"));
    Path dir = tmp.getRoot().toPath().resolve("sift1m");
    CommandLine cli = new CommandLine(new DownloadCommand());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    int exit = cli.execute("sift1m", "--dir", dir.toString(), "--base-url", server.url(""));
    assertEquals(out.toString(), 0, exit);
    assertEquals(
        "sift/sift_groundtruth.ivecs",
        Files.readString(dir.resolve("sift/sift_groundtruth.ivecs")));
    assertTrue(out.toString(), out.toString().contains("sift1m complete"));
  }
}
