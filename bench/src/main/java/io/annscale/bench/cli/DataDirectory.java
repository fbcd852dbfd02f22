package io.annscale.bench.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where data sets live when the user names no folder: never inside the git work tree. */
public final class DataDirectory {
  /** Environment variable that overrides the default data folder. */
  public static final String ENV = "ANNSCALE_DATA_DIR";

  private DataDirectory() {}

  /** {@code $ANNSCALE_DATA_DIR}, else {@code ~/.cache/annscale/datasets}. */
  public static Path root() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "annscale", "datasets");
  }
}
