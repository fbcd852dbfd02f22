package io.annscale.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * Bytes of an index's latest commit, in total and in files with the given ("hot") extensions.
 * Counts only files the commit references (a live index directory also holds files of merged-away
 * segments until readers let go), and looks inside compound files, where small segments keep their
 * graph and vectors.
 */
public final class IndexFiles {
  /**
   * @param segments segments in the commit
   */
  public record Sizes(long totalBytes, long hotBytes, int segments) {}

  private IndexFiles() {}

  public static Sizes of(Path dir, Set<String> hotExtensions) throws IOException {
    try (Directory directory = FSDirectory.open(dir)) {
      if (directory.listAll().length == 0 || SegmentInfos.getLastCommitGeneration(directory) < 0) {
        return new Sizes(0, 0, 0);
      }
      SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
      long total = 0;
      long hot = 0;
      for (String file : commit.files(true)) {
        total += directory.fileLength(file);
      }
      for (SegmentCommitInfo segment : commit) {
        if (segment.info.getUseCompoundFile()) {
          try (Directory compound =
              segment
                  .info
                  .getCodec()
                  .compoundFormat()
                  .getCompoundReader(directory, segment.info, IOContext.READONCE)) {
            for (String file : compound.listAll()) {
              if (hotExtensions.contains(IndexFileNames.getExtension(file))) {
                hot += compound.fileLength(file);
              }
            }
          }
        } else {
          for (String file : segment.files()) {
            if (hotExtensions.contains(IndexFileNames.getExtension(file))) {
              hot += directory.fileLength(file);
            }
          }
        }
      }
      return new Sizes(total, hot, commit.size());
    }
  }

  /** Whether the directory holds a Lucene commit. */
  static boolean hasCommit(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.anyMatch(
          f -> f.getFileName().toString().startsWith(IndexFileNames.SEGMENTS + "_"));
    }
  }
}
