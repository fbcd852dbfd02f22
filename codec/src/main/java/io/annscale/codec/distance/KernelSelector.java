package io.annscale.codec.distance;

import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the kernel implementation once; the Vector API class is only loaded when its module is
 * present.
 */
final class KernelSelector {
  static final DistanceKernels BEST = select();

  private KernelSelector() {}

  private static DistanceKernels select() {
    String forced = System.getProperty(DistanceKernels.IMPLEMENTATION_PROPERTY, "").trim();
    switch (forced.toLowerCase(Locale.ROOT)) {
      case "":
        return loadPanama().orElse(ScalarDistanceKernels.INSTANCE);
      case "scalar":
        return ScalarDistanceKernels.INSTANCE;
      case "panama":
        return DistanceKernels.panama();
      default:
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "system property %s=%s: expected 'scalar' or 'panama'",
                DistanceKernels.IMPLEMENTATION_PROPERTY,
                forced));
    }
  }

  static Optional<DistanceKernels> loadPanama() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PanamaDistanceKernels());
    } catch (LinkageError e) {
      // A JDK whose incubator API differs from the one we compiled against: run scalar rather than
      // fail.
      return Optional.empty();
    }
  }
}
