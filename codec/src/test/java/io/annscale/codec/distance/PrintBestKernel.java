package io.annscale.codec.distance;

/** Child-JVM entry point for {@link DistanceKernelsTest}: prints the kernel the selector chose. */
public final class PrintBestKernel {
  private PrintBestKernel() {}

  public static void main(String[] args) {
    System.out.println(DistanceKernels.best().name());
  }
}
