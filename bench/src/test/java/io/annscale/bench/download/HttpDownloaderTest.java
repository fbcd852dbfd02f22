package io.annscale.bench.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Transfers from a loopback server: whole, resumed after a drop or a stall, and verified. */
public class HttpDownloaderTest {
  private static final int SIZE = 300_000;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private LoopbackServer server;
  private byte[] content;

  @Before
  public void start() throws IOException {
    server = new LoopbackServer();
    content = new byte[SIZE];
    new Random(1).nextBytes(content);
    server.put("/data.bin", content);
  }

  @After
  public void stop() {
    server.close();
  }

  private static HttpDownloader downloader(int attempts) {
    return new HttpDownloader(attempts, Duration.ofMillis(10), Duration.ofMillis(500));
  }

  private URI url() {
    return URI.create(server.url("/data.bin"));
  }

  @Test
  public void downloadsVerifiesAndSkipsWhatIsComplete() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    String sha =
        downloader(1).download(url(), target, -1, null, null, HttpDownloader.Listener.NONE);
    assertArrayEquals(content, Files.readAllBytes(target));
    assertEquals(Sha256.of(target), sha);
    assertTrue(Files.readString(HttpDownloader.sidecar(target)).startsWith(sha + "  data.bin"));
    int requests = server.ranges().size();
    assertEquals(
        sha, downloader(1).download(url(), target, -1, sha, null, HttpDownloader.Listener.NONE));
    assertEquals("a verified file is not fetched again", requests, server.ranges().size());
  }

  /** A run that gives up keeps its bytes; the next run asks for exactly the rest. */
  @Test
  public void nextRunResumesAnInterruptedTransfer() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    server.fault(LoopbackServer.Fault.DROP, 100_000);
    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                downloader(1)
                    .download(url(), target, -1, null, null, HttpDownloader.Listener.NONE));
    assertTrue(failure.getMessage(), failure.getMessage().contains("kept in"));
    assertFalse(Files.exists(target));
    long kept = Files.size(HttpDownloader.partial(target));
    assertTrue("kept " + kept, kept > 0 && kept <= 100_000);
    downloader(1).download(url(), target, -1, null, null, HttpDownloader.Listener.NONE);
    assertEquals("bytes=" + kept + "-", server.ranges().get(server.ranges().size() - 1));
    assertArrayEquals(content, Files.readAllBytes(target));
    assertFalse(Files.exists(HttpDownloader.partial(target)));
  }

  @Test
  public void retriesResumeWithinOneRunAfterADrop() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    server.fault(LoopbackServer.Fault.DROP, 123_456);
    downloader(3).download(url(), target, -1, null, null, HttpDownloader.Listener.NONE);
    assertArrayEquals(content, Files.readAllBytes(target));
    assertEquals(2, server.ranges().size());
    assertTrue(server.ranges().get(1), server.ranges().get(1).matches("bytes=[1-9][0-9]*-"));
  }

  /**
   * A connection that goes silent is abandoned after the stall timeout and resumed, not waited on
   * forever.
   */
  @Test
  public void aStalledTransferIsAbandonedAndResumed() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    server.fault(LoopbackServer.Fault.STALL, 50_000);
    long start = System.nanoTime();
    downloader(3).download(url(), target, -1, null, null, HttpDownloader.Listener.NONE);
    assertTrue(
        "took " + (System.nanoTime() - start) / 1e9 + " s", System.nanoTime() - start < 4.5e9);
    assertArrayEquals(content, Files.readAllBytes(target));
    assertTrue(server.ranges().get(1), server.ranges().get(1).startsWith("bytes=50000-"));
  }

  /**
   * A server that ignores Range answers 200 with the whole file: the partial bytes are replaced,
   * not appended to.
   */
  @Test
  public void aServerIgnoringRangeRestartsFromZero() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    Files.write(HttpDownloader.partial(target), new byte[] {1, 2, 3, 4, 5});
    server.fault(LoopbackServer.Fault.IGNORE_RANGE, 0);
    downloader(1).download(url(), target, -1, null, null, HttpDownloader.Listener.NONE);
    assertEquals("bytes=5-", server.ranges().get(0));
    assertArrayEquals(content, Files.readAllBytes(target));
  }

  /** 416 for a range starting at the end: the partial file was already complete. */
  @Test
  public void rangeNotSatisfiableAtTheEndMeansComplete() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    Files.write(HttpDownloader.partial(target), content);
    downloader(1).download(url(), target, -1, null, null, HttpDownloader.Listener.NONE);
    assertEquals("bytes=" + SIZE + "-", server.ranges().get(0));
    assertArrayEquals(content, Files.readAllBytes(target));
  }

  @Test
  public void aWrongChecksumFailsAndKeepsNothing() throws Exception {
    Path target = tmp.getRoot().toPath().resolve("data.bin");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                downloader(1)
                    .download(url(), target, -1, "00ff", null, HttpDownloader.Listener.NONE));
    assertTrue(
        e.getMessage(), e.getMessage().contains("SHA-256") && e.getMessage().contains("00ff"));
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(HttpDownloader.partial(target)));
    assertFalse(Files.exists(HttpDownloader.sidecar(target)));
  }

  @Test
  public void aMissingFileNamesTheStatus() {
    Path target = tmp.getRoot().toPath().resolve("missing.bin");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                downloader(2)
                    .download(
                        URI.create(server.url("/missing.bin")),
                        target,
                        -1,
                        null,
                        null,
                        HttpDownloader.Listener.NONE));
    assertTrue(
        e.getMessage(),
        e.getMessage().contains("HTTP 404") && e.getMessage().contains("missing.bin"));
  }
}
