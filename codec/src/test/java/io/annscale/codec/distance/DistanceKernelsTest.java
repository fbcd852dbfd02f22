package io.annscale.codec.distance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.junit.Test;

public class DistanceKernelsTest {
  private final Random random = new Random(42);

  /**
   * Surefire runs tests with the module enabled, so the Vector API path is the one chosen by
   * default.
   */
  @Test
  public void bestIsPanamaWhenModuleIsEnabled() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    assertTrue(DistanceKernels.best().name(), DistanceKernels.best().name().startsWith("panama-"));
  }

  @Test
  public void scalarAndPanamaAgreeWithLuceneOnRandomData() {
    List<DistanceKernels> kernels = List.of(DistanceKernels.scalar(), DistanceKernels.panama());
    for (int length = 0; length <= 130; length++) {
      int aOffset = random.nextInt(5);
      int bOffset = random.nextInt(5);
      float[] a = randomFloats(aOffset + length);
      float[] b = randomFloats(bOffset + length);
      float[] aSlice = java.util.Arrays.copyOfRange(a, aOffset, aOffset + length);
      float[] bSlice = java.util.Arrays.copyOfRange(b, bOffset, bOffset + length);
      float expectedDot = length == 0 ? 0 : VectorUtil.dotProduct(aSlice, bSlice);
      float expectedSquare = length == 0 ? 0 : VectorUtil.squareDistance(aSlice, bSlice);
      for (DistanceKernels k : kernels) {
        String what = k.name() + " length=" + length;
        assertEquals(
            what, expectedDot, k.dotProduct(a, aOffset, b, bOffset, length), 1e-4f * (1 + length));
        assertEquals(
            what,
            expectedSquare,
            k.squareDistance(a, aOffset, b, bOffset, length),
            1e-4f * (1 + length));
      }
    }
  }

  /**
   * Gathered kernels give each vector's single-call result, for every length (tails of every size)
   * and batch size (groups of four and the rest), vectors spread over several arrays.
   */
  @Test
  public void gatheredKernelsEqualTheirSingleCalls() {
    for (DistanceKernels k : List.of(DistanceKernels.scalar(), DistanceKernels.panama())) {
      for (int length : new int[] {0, 1, 7, 15, 16, 17, 31, 32, 33, 47, 96, 128, 130, 384}) {
        float[][] arrays = new float[3][];
        for (int i = 0; i < arrays.length; i++) {
          arrays[i] = randomFloats(10 * (length + 3));
        }
        float[] a = randomFloats(length + 2);
        for (int count = 0; count <= 11; count++) {
          float[][] blocks = new float[count][];
          int[] offsets = new int[count];
          for (int v = 0; v < count; v++) {
            blocks[v] = arrays[random.nextInt(arrays.length)];
            offsets[v] = random.nextInt(blocks[v].length - length + 1);
          }
          float[] dots = new float[count];
          float[] squares = new float[count];
          k.gatheredDotProducts(a, 2, blocks, offsets, count, length, dots);
          k.gatheredSquareDistances(a, 2, blocks, offsets, count, length, squares);
          for (int v = 0; v < count; v++) {
            String what = k.name() + " length=" + length + " count=" + count + " v=" + v;
            float dot = k.dotProduct(a, 2, blocks[v], offsets[v], length);
            float square = k.squareDistance(a, 2, blocks[v], offsets[v], length);
            // the same additions in the same order; the Vector API leaves only the order in which
            // it adds up a vector's lanes to the platform, hence a tolerance of a few ulps
            assertEquals(what, dot, dots[v], 4 * Math.ulp(Math.abs(dot) + length));
            assertEquals(what, square, squares[v], 4 * Math.ulp(square + length));
          }
        }
      }
    }
  }

  /**
   * argMin is the first smallest value for every length, with ties (values drawn from a few) and a
   * NaN anywhere, as a plain loop finds it.
   */
  @Test
  public void argMinIsTheFirstSmallestValue() {
    for (DistanceKernels k : List.of(DistanceKernels.scalar(), DistanceKernels.panama())) {
      for (int count = 1; count <= 300; count++) {
        for (int trial = 0; trial < 5; trial++) {
          float[] values = new float[count + 3];
          for (int i = 0; i < values.length; i++) {
            values[i] = trial < 2 ? random.nextInt(4) : random.nextFloat() * 100;
          }
          if (trial == 4) {
            values[random.nextInt(count)] = Float.NaN;
          }
          int expected = 0;
          for (int i = 1; i < count; i++) {
            if (values[i] < values[expected]) {
              expected = i;
            }
          }
          assertEquals(k.name() + " count=" + count, expected, k.argMin(values, count));
        }
      }
      // equal values in either sign, and infinities: the first smallest wins, as the plain loop
      float[] zeros = new float[40];
      zeros[37] = -0f;
      assertEquals(k.name(), 0, k.argMin(zeros, 40));
      java.util.Arrays.fill(zeros, -0f);
      zeros[0] = 0f;
      assertEquals(k.name(), 0, k.argMin(zeros, 40));
      float[] infinities = new float[40];
      java.util.Arrays.fill(infinities, Float.POSITIVE_INFINITY);
      assertEquals(k.name(), 0, k.argMin(infinities, 40));
      infinities[33] = Float.NEGATIVE_INFINITY;
      assertEquals(k.name(), 33, k.argMin(infinities, 40));
    }
  }

  /** The column-major "one slice against many vectors" kernels agree with the one-pair kernels. */
  @Test
  public void columnKernelsAgreeWithPairKernels() {
    for (DistanceKernels k : List.of(DistanceKernels.scalar(), DistanceKernels.panama())) {
      for (int iter = 0; iter < 100; iter++) {
        int length = 1 + random.nextInt(12);
        int count = 1 + random.nextInt(300);
        int stride = count + random.nextInt(4);
        int columnsOffset = random.nextInt(3);
        int xOffset = random.nextInt(3);
        int outOffset = random.nextInt(3);
        float[] x = randomFloats(xOffset + length);
        float[] columns = randomFloats(columnsOffset + length * stride);
        float[] squares = new float[outOffset + count];
        float[] dots = new float[outOffset + count];
        k.squareDistances(
            x, xOffset, length, columns, columnsOffset, stride, count, squares, outOffset);
        k.dotProducts(x, xOffset, length, columns, columnsOffset, stride, count, dots, outOffset);
        for (int c = 0; c < count; c++) {
          float[] vector = new float[length];
          for (int t = 0; t < length; t++) {
            vector[t] = columns[columnsOffset + t * stride + c];
          }
          String what = k.name() + " length=" + length + " count=" + count + " c=" + c;
          float[] slice = java.util.Arrays.copyOfRange(x, xOffset, xOffset + length);
          assertEquals(
              what,
              VectorUtil.squareDistance(slice, vector),
              squares[outOffset + c],
              1e-4f * length);
          assertEquals(
              what, VectorUtil.dotProduct(slice, vector), dots[outOffset + c], 1e-4f * length);
        }
      }
    }
  }

  /**
   * SIFT-like vectors (integers 0..255): every partial sum is exact in float, so all orders agree
   * exactly.
   */
  @Test
  public void kernelsAreExactOnSmallIntegerData() {
    for (int iter = 0; iter < 200; iter++) {
      int length = 1 + random.nextInt(128);
      float[] a = new float[length];
      float[] b = new float[length];
      for (int i = 0; i < length; i++) {
        a[i] = random.nextInt(256);
        b[i] = random.nextInt(256);
      }
      float square = VectorUtil.squareDistance(a, b);
      assertEquals(square, DistanceKernels.scalar().squareDistance(a, 0, b, 0, length), 0f);
      assertEquals(square, DistanceKernels.panama().squareDistance(a, 0, b, 0, length), 0f);
    }
  }

  /**
   * A JVM without {@code --add-modules jdk.incubator.vector} must fall back to scalar, not fail.
   */
  @Test
  public void fallsBackToScalarWithoutTheModule() throws Exception {
    assertEquals("scalar", runPrintBestKernel(List.of()));
    assertEquals(
        "scalar",
        runPrintBestKernel(
            List.of("--add-modules=jdk.incubator.vector", "-Dannscale.kernels=scalar")));
    assertTrue(
        runPrintBestKernel(List.of("--add-modules=jdk.incubator.vector")).startsWith("panama-"));
  }

  private static String runPrintBestKernel(List<String> jvmArgs)
      throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PrintBestKernel.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    assertTrue("child JVM did not finish", process.waitFor(60, TimeUnit.SECONDS));
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(
        "child JVM failed: "
            + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8),
        0,
        process.exitValue());
    return out;
  }

  private float[] randomFloats(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
