package io.annscale.codec.pq;

import java.io.IOException;
import org.apache.lucene.store.RandomAccessInput;

/**
 * A query's asymmetric-distance table: for each sub-space and centroid, the query slice's distance
 * (or dot product) to that centroid. Summing one entry per sub-space, as selected by a code, gives
 * the query's distance to the code's vector. Belongs to one query; read-only, so it may be shared
 * by threads.
 */
public final class AdcTable {
  private final float[] table;
  private final int subspaces;
  private final PqBits bits;

  AdcTable(float[] table, int subspaces, PqBits bits) {
    this.table = table;
    this.subspaces = subspaces;
    this.bits = bits;
  }

  public int subspaces() {
    return subspaces;
  }

  public PqBits bits() {
    return bits;
  }

  /**
   * Sum over sub-spaces of the entry the code at {@code codes[offset]} selects. Cost: {@code m}
   * table lookups and adds; the table ({@code m x K} floats, 32 KiB for PQ8 at m=32) stays in L1/L2
   * cache across a query. Four independent accumulators let the lookups overlap instead of waiting
   * on one add chain.
   */
  public float lookup(byte[] codes, int offset) {
    return bits == PqBits.EIGHT ? lookup8(codes, offset) : lookup4(codes, offset);
  }

  private float lookup8(byte[] codes, int offset) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 3 < subspaces; j += 4) {
      s0 += table[(j << 8) + (codes[offset + j] & 0xFF)];
      s1 += table[((j + 1) << 8) + (codes[offset + j + 1] & 0xFF)];
      s2 += table[((j + 2) << 8) + (codes[offset + j + 2] & 0xFF)];
      s3 += table[((j + 3) << 8) + (codes[offset + j + 3] & 0xFF)];
    }
    for (; j < subspaces; j++) {
      s0 += table[(j << 8) + (codes[offset + j] & 0xFF)];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private float lookup4(byte[] codes, int offset) {
    float low = 0, high = 0;
    int pairs = subspaces >> 1;
    for (int i = 0; i < pairs; i++) {
      int b = codes[offset + i];
      low += table[(i << 5) + (b & 0x0F)];
      high += table[(i << 5) + 16 + ((b >> 4) & 0x0F)];
    }
    if ((subspaces & 1) != 0) {
      low += table[(pairs << 5) + (codes[offset + pairs] & 0x0F)];
    }
    return low + high;
  }

  /**
   * As {@link #lookup(byte[], int)} for a code read in place from {@code codes} at byte {@code
   * offset}: whole 8-byte words with {@link RandomAccessInput#readLong} (little-endian, so
   * sub-space {@code s} sits at bit {@code s x bits} of the code), instead of a positioned copy of
   * the code into an array for every node.
   */
  public float lookup(RandomAccessInput codes, long offset) throws IOException {
    return bits == PqBits.EIGHT ? lookup8(codes, offset) : lookup4(codes, offset);
  }

  private float lookup8(RandomAccessInput codes, long offset) throws IOException {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 7 < subspaces; j += 8, offset += Long.BYTES) {
      long w = codes.readLong(offset);
      s0 += table[(j << 8) + (int) (w & 0xFF)];
      s1 += table[((j + 1) << 8) + (int) ((w >>> 8) & 0xFF)];
      s2 += table[((j + 2) << 8) + (int) ((w >>> 16) & 0xFF)];
      s3 += table[((j + 3) << 8) + (int) ((w >>> 24) & 0xFF)];
      s0 += table[((j + 4) << 8) + (int) ((w >>> 32) & 0xFF)];
      s1 += table[((j + 5) << 8) + (int) ((w >>> 40) & 0xFF)];
      s2 += table[((j + 6) << 8) + (int) ((w >>> 48) & 0xFF)];
      s3 += table[((j + 7) << 8) + (int) (w >>> 56)];
    }
    for (; j < subspaces; j++, offset++) {
      s0 += table[(j << 8) + (codes.readByte(offset) & 0xFF)];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private float lookup4(RandomAccessInput codes, long offset) throws IOException {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 15 < subspaces; j += 16, offset += Long.BYTES) {
      long w = codes.readLong(offset);
      for (int n = 0; n < 16; n += 4, w >>>= 16) {
        s0 += table[((j + n) << 4) + (int) (w & 0x0F)];
        s1 += table[((j + n + 1) << 4) + (int) ((w >>> 4) & 0x0F)];
        s2 += table[((j + n + 2) << 4) + (int) ((w >>> 8) & 0x0F)];
        s3 += table[((j + n + 3) << 4) + (int) ((w >>> 12) & 0x0F)];
      }
    }
    for (; j < subspaces; j += 2, offset++) {
      int b = codes.readByte(offset);
      s0 += table[(j << 4) + (b & 0x0F)];
      if (j + 1 < subspaces) {
        s1 += table[((j + 1) << 4) + ((b >> 4) & 0x0F)];
      }
    }
    return (s0 + s1) + (s2 + s3);
  }
}
