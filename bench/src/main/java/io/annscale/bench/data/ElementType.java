package io.annscale.bench.data;

/** How one vector component is stored on disk. */
public enum ElementType {
  FLOAT32(Float.BYTES),
  INT32(Integer.BYTES),
  UINT8(1),
  INT8(1);

  /** Bytes per component. */
  public final int bytes;

  ElementType(int bytes) {
    this.bytes = bytes;
  }

  /**
   * True when components are whole numbers, so a float vector must hold integers in range to be
   * written.
   */
  public boolean isIntegral() {
    return this != FLOAT32;
  }

  /** Smallest value a component can hold, as a float. */
  public float min() {
    switch (this) {
      case UINT8:
        return 0;
      case INT8:
        return Byte.MIN_VALUE;
      case INT32:
        return Integer.MIN_VALUE;
      default:
        return -Float.MAX_VALUE;
    }
  }

  /** Largest value a component can hold, as a float. */
  public float max() {
    switch (this) {
      case UINT8:
        return 255;
      case INT8:
        return Byte.MAX_VALUE;
      case INT32:
        return Integer.MAX_VALUE;
      default:
        return Float.MAX_VALUE;
    }
  }
}
