package io.annscale.bench.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class PowerLawTest {
  @Test
  public void recoversAnExactPowerLaw() {
    double[] n = {1e4, 1e5, 1e6, 3e6};
    double[] y = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      y[i] = 2.5 * Math.pow(n[i], 0.8);
    }
    PowerLaw fit = PowerLaw.fit(n, y);
    assertEquals(0.8, fit.b(), 1e-9);
    assertEquals(2.5, fit.a(), 1e-6);
    assertEquals(1.0, fit.r2(), 1e-12);
    assertEquals(2.5 * Math.pow(1e9, 0.8), fit.at(1e9), 1e-3 * fit.at(1e9));
  }

  @Test
  public void rejectsWhatCannotBeFitted() {
    assertThrows(
        IllegalArgumentException.class, () -> PowerLaw.fit(new double[] {1}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PowerLaw.fit(new double[] {1, 2}, new double[] {1, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PowerLaw.fit(new double[] {5, 5}, new double[] {1, 2}));
  }
}
