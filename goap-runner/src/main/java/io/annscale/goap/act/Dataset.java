package io.annscale.goap.act;

import java.nio.file.Files;
import java.nio.file.Path;

/** A generated data set: base vectors, queries and their exact top-100 (ids and distances). */
public record Dataset(Path dir, Path base, Path queries, Path truth, Path truthDistances) {
  static final String COMPLETE = "COMPLETE";

  static Dataset in(Path dir) {
    return new Dataset(
        dir,
        dir.resolve("base.fvecs"),
        dir.resolve("query.fvecs"),
        dir.resolve("gt100.ivecs"),
        dir.resolve("gt100.dist.fvecs"));
  }

  /** Written completely (the marker is the last file written). */
  boolean isComplete() {
    return Files.isRegularFile(dir.resolve(COMPLETE));
  }
}
