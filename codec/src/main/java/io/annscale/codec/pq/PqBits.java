package io.annscale.codec.pq;

/** Code width per sub-space. */
public enum PqBits {
  /** 16 centroids per sub-space, two codes per byte. */
  FOUR(4),
  /** 256 centroids per sub-space, one code per byte. */
  EIGHT(8);

  private final int bits;

  PqBits(int bits) {
    this.bits = bits;
  }

  /** 4 or 8. */
  public int bits() {
    return bits;
  }

  /** 16 or 256. */
  public int centroidsPerSubspace() {
    return 1 << bits;
  }

  /** Bytes of one code of {@code subspaces} sub-spaces. */
  public int codeBytes(int subspaces) {
    return this == EIGHT ? subspaces : (subspaces + 1) / 2;
  }
}
