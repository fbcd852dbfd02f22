package io.annscale.bench.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, and {@code sha256sum}-style sidecar files ({@code <hex> <name>}). */
final class Sha256 {
  private Sha256() {}

  static String of(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static void writeSidecar(Path sidecar, String hex, String name) throws IOException {
    Files.writeString(sidecar, hex + "  " + name + "\n", StandardCharsets.UTF_8);
  }

  static String readSidecar(Path sidecar) throws IOException {
    String line = Files.readString(sidecar, StandardCharsets.UTF_8).trim();
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }
}
