package io.annscale.bench.download;

import io.annscale.bench.cli.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings a {@link DatasetSpec} into a folder: every file downloaded (resumably), prefixes cut and
 * their headers patched, archives unpacked, big-ann ground truth split into ids and distances; then
 * a {@code dataset.json} manifest of the local files. Running it again finishes what an interrupted
 * run left and skips the rest.
 */
public final class DatasetDownloader {
  private final HttpDownloader http;
  private final HttpDownloader.Listener listener;

  public DatasetDownloader(HttpDownloader http, HttpDownloader.Listener listener) {
    this.http = http;
    this.listener = listener;
  }

  /** What {@code dataset.json} records. */
  public record Manifest(
      String name,
      String description,
      long vectors,
      int dimension,
      String metric,
      Map<String, String> sha256ByFile) {}

  /**
   * @param baseUrl when not null, replaces each file's scheme and host (a mirror, or a test server)
   */
  public Manifest download(DatasetSpec spec, Path dir, String baseUrl)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Map<String, String> sums = new LinkedHashMap<>();
    for (RemoteFile file : spec.files()) {
      RemoteFile source = baseUrl == null ? file : file.withUrl(rebase(file.url(), baseUrl));
      URI url = URI.create(source.url());
      Path target = dir.resolve(source.localName());
      switch (source.kind()) {
        case PLAIN ->
            sums.put(
                source.localName(),
                http.download(url, target, -1, source.sha256(), null, listener));
        case BIN_PREFIX ->
            sums.put(
                source.localName(),
                http.download(
                    url,
                    target,
                    source.prefixBytes(),
                    source.sha256(),
                    p -> patchHeader(p, source),
                    listener));
        case TAR_GZ -> sums.putAll(downloadArchive(url, target, source, dir));
        case BIGANN_GROUND_TRUTH -> sums.putAll(downloadGroundTruth(url, target, source));
      }
    }
    Manifest manifest =
        new Manifest(
            spec.name(), spec.description(), spec.vectors(), spec.dimension(), spec.metric(), sums);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("dataset.json").toFile(), manifest);
    return manifest;
  }

  /**
   * {@code https://host/a/b/c} with base {@code http://127.0.0.1:8080/m} becomes {@code
   * http://127.0.0.1:8080/m/a/b/c}.
   */
  static String rebase(String url, String baseUrl) {
    URI uri = URI.create(url);
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + uri.getRawPath();
  }

  /**
   * The prefix keeps the publisher's header ({@code n} of the whole file): set {@code n} to what
   * was kept.
   */
  static void patchHeader(Path partial, RemoteFile file) throws IOException {
    try (FileChannel channel =
        FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      if (channel.read(header, 0) != 8) {
        throw new IOException(partial + ": shorter than the 8-byte header");
      }
      long published = Integer.toUnsignedLong(header.getInt(0));
      int dimension = header.getInt(4);
      if (dimension != file.dimension() || published < file.vectors()) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s: header says %d vectors x %d, expected at least %d x %d",
                file.url(),
                published,
                dimension,
                file.vectors(),
                file.dimension()));
      }
      header.putInt(0, Math.toIntExact(file.vectors()));
      header.rewind();
      channel.write(header, 0);
    }
  }

  private Map<String, String> downloadArchive(URI url, Path archive, RemoteFile file, Path dir)
      throws IOException, InterruptedException {
    Path done = archive.resolveSibling(archive.getFileName() + ".extracted");
    Map<String, String> sums = new LinkedHashMap<>();
    if (Files.exists(done)) {
      sums.put(file.localName(), Files.readString(done).lines().findFirst().orElse(""));
      return sums;
    }
    String sum = http.download(url, archive, -1, file.sha256(), null, listener);
    List<Path> files = TarGzExtractor.extract(archive, dir);
    List<String> lines = new ArrayList<>();
    lines.add(sum);
    files.forEach(f -> lines.add(f.toString()));
    Files.write(done, lines);
    Files.delete(archive); // unpacked: the archive only costs disk now; the marker remembers it
    sums.put(file.localName(), sum);
    return sums;
  }

  /**
   * Splits big-ann's {@code nq, k, ids, distances} into {@code .ibin} ids and {@code .dist.fbin}
   * distances.
   */
  private Map<String, String> downloadGroundTruth(URI url, Path target, RemoteFile file)
      throws IOException, InterruptedException {
    Path raw = target.resolveSibling(target.getFileName() + ".bin");
    String sum = http.download(url, raw, -1, file.sha256(), null, listener);
    Path ids = target.resolveSibling(target.getFileName() + ".ibin");
    Path distances = target.resolveSibling(target.getFileName() + ".dist.fbin");
    if (Files.exists(ids) == false || Files.exists(distances) == false) {
      split(raw, ids, distances);
    }
    Map<String, String> sums = new LinkedHashMap<>();
    sums.put(raw.getFileName().toString(), sum);
    return sums;
  }

  private static void split(Path raw, Path ids, Path distances) throws IOException {
    long size = Files.size(raw);
    try (InputStream in = Files.newInputStream(raw)) {
      ByteBuffer header = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
      if (header.limit() != 8) {
        throw new IOException(raw + ": shorter than the 8-byte ground-truth header");
      }
      long queries = Integer.toUnsignedLong(header.getInt(0));
      long k = Integer.toUnsignedLong(header.getInt(4));
      long expected = 8 + 2 * queries * k * 4;
      if (size != expected) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s: %d bytes, but a header of %d queries x %d neighbours needs %d",
                raw,
                size,
                queries,
                k,
                expected));
      }
      writeSection(in, header.array(), queries * k * 4, partialOf(ids));
      writeSection(in, header.array(), queries * k * 4, partialOf(distances));
    }
    Files.move(partialOf(ids), ids);
    Files.move(partialOf(distances), distances);
  }

  private static Path partialOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".partial");
  }

  private static void writeSection(InputStream in, byte[] header, long bytes, Path out)
      throws IOException {
    try (OutputStream os = Files.newOutputStream(out)) {
      os.write(header);
      byte[] buffer = new byte[1 << 16];
      for (long left = bytes; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("ground truth ended early");
        }
        os.write(buffer, 0, n);
        left -= n;
      }
    }
  }
}
