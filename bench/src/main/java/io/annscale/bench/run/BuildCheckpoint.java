package io.annscale.bench.run;

import io.annscale.bench.cli.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * How far an unfinished build got, kept in its last commit's user data: a build that takes longer
 * than the machine stays up (10M vectors) resumes from there instead of starting over. Work after
 * the last commit is lost and not counted; the seconds are the sum over the attempts of the work
 * that was kept.
 *
 * @param key the build this index belongs to; a checkpoint of another key is not resumed
 * @param nextOrd base-file ordinal of the first vector not yet added
 * @param ingestSeconds wall time of the ingest kept so far
 * @param mergeSeconds wall time of the force-merge once it is committed, else NaN
 * @param attempts how many runs have worked on this build, this one included once it has committed
 */
record BuildCheckpoint(
    BuildKey key, long nextOrd, double ingestSeconds, double mergeSeconds, int attempts) {
  private static final String KEY = "annscale.build.key";
  private static final String NEXT_ORD = "annscale.build.nextOrd";
  private static final String INGEST_SECONDS = "annscale.build.ingestSeconds";
  private static final String MERGE_SECONDS = "annscale.build.mergeSeconds";
  private static final String ATTEMPTS = "annscale.build.attempts";

  static BuildCheckpoint start(BuildKey key) {
    return new BuildCheckpoint(key, 0, 0, Double.NaN, 0);
  }

  /**
   * The checkpoint of {@code directory}'s last commit, or null if it has no commit or no
   * checkpoint.
   */
  static BuildCheckpoint read(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return null;
    }
    Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
    if (!data.containsKey(KEY)) {
      return null;
    }
    try {
      return new BuildCheckpoint(
          Json.MAPPER.readValue(data.get(KEY), BuildKey.class),
          Long.parseLong(data.get(NEXT_ORD)),
          Double.parseDouble(data.get(INGEST_SECONDS)),
          Double.parseDouble(data.getOrDefault(MERGE_SECONDS, "NaN")),
          Integer.parseInt(data.get(ATTEMPTS)));
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the build starts over, as without a checkpoint
    }
  }

  Map<String, String> userData() throws IOException {
    Map<String, String> data = new HashMap<>();
    data.put(KEY, Json.MAPPER.writeValueAsString(key));
    data.put(NEXT_ORD, Long.toString(nextOrd));
    data.put(INGEST_SECONDS, Double.toString(ingestSeconds));
    data.put(MERGE_SECONDS, Double.toString(mergeSeconds));
    data.put(ATTEMPTS, Integer.toString(attempts));
    return data;
  }

  boolean ingested() {
    return nextOrd >= key.count();
  }

  /**
   * True once the force-merge to one segment is committed: only the build record is left to write.
   */
  boolean merged() {
    return !Double.isNaN(mergeSeconds);
  }
}
