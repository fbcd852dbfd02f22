package io.annscale.bench.download;

/**
 * One file of a data set as published, and what becomes of it locally.
 *
 * @param url where it is published ({@code http(s)://}, or {@code ftp://} for TEXMEX, without
 *     resume)
 * @param localName the file written into the data set's folder (for archives: the archive itself)
 * @param kind how the downloaded bytes are turned into the local files
 * @param vectors for {@link Kind#BIN_PREFIX}: vectors to keep from the start of the file
 * @param elementBytes for {@link Kind#BIN_PREFIX}: bytes per component (4 float32, 1 int8/uint8)
 * @param dimension for {@link Kind#BIN_PREFIX}: components per vector, checked against the file's
 *     header
 * @param sha256 expected SHA-256 of the downloaded bytes in lower-case hex, or null when the
 *     publisher gives none
 */
public record RemoteFile(
    String url,
    String localName,
    Kind kind,
    long vectors,
    int elementBytes,
    int dimension,
    String sha256) {

  /** What to do with the bytes. */
  public enum Kind {
    /** Keep as is. */
    PLAIN,
    /** A {@code .tar.gz}: unpack beside it, then delete it. */
    TAR_GZ,
    /**
     * The first {@code vectors} of a big-ann binary file ({@code int32 n, int32 d}, then data):
     * fetched with one Range request, then the header's count is set to {@code vectors}.
     */
    BIN_PREFIX,
    /**
     * big-ann ground truth ({@code int32 nq, int32 k}, ids {@code nq x k} int32, distances {@code
     * nq x k} float32): split into {@code <localName>.ibin} and {@code <localName>.dist.fbin}.
     */
    BIGANN_GROUND_TRUTH
  }

  public static RemoteFile plain(String url, String localName) {
    return new RemoteFile(url, localName, Kind.PLAIN, 0, 0, 0, null);
  }

  public static RemoteFile tarGz(String url, String localName) {
    return new RemoteFile(url, localName, Kind.TAR_GZ, 0, 0, 0, null);
  }

  public static RemoteFile prefix(
      String url, String localName, long vectors, int dimension, int elementBytes) {
    return new RemoteFile(url, localName, Kind.BIN_PREFIX, vectors, elementBytes, dimension, null);
  }

  public static RemoteFile groundTruth(String url, String localName) {
    return new RemoteFile(url, localName, Kind.BIGANN_GROUND_TRUTH, 0, 0, 0, null);
  }

  /**
   * Bytes to fetch for a prefix: the 8-byte header and {@code vectors x dimension x elementBytes}.
   */
  public long prefixBytes() {
    return 8 + vectors * dimension * (long) elementBytes;
  }

  public RemoteFile withUrl(String newUrl) {
    return new RemoteFile(newUrl, localName, kind, vectors, elementBytes, dimension, sha256);
  }
}
