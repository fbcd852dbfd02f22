package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * A directory that says how the DiskANN segments read from it are served ({@link
 * DiskAnnReadSettings}: direct I/O, the hot-node cache budget); everything else passes through to
 * the directory it wraps. Open an index with it, as with lucene-misc's {@code DirectIODirectory}:
 *
 * <pre>{@code
 * Directory dir = new DiskAnnServingDirectory(new MMapDirectory(path),
 *     DiskAnnReadSettings.DEFAULT.withDirectIo(true));
 * DirectoryReader reader = DirectoryReader.open(dir);
 * }</pre>
 *
 * <p>A segment in a compound file is read through the compound file's own directory, which these
 * settings cannot reach; rather than serve such a segment with other settings than asked, opening a
 * compound file through a directory with settings other than {@link DiskAnnReadSettings#DEFAULT}
 * fails, saying so. Write such indexes with {@code useCompoundFile=false} and a merge policy whose
 * {@code noCFSRatio} is 0 (Solr's {@code useCompoundFile=false} covers flushed segments only; the
 * {@code annscale-diskann} configset sets {@code tiered.noCFSRatio} to 0 for merged ones).
 */
public final class DiskAnnServingDirectory extends FilterDirectory {
  private final DiskAnnReadSettings settings;

  public DiskAnnServingDirectory(Directory in, DiskAnnReadSettings settings) {
    super(in);
    if (settings == null) {
      throw new IllegalArgumentException("DiskANN read settings must not be null");
    }
    this.settings = settings;
  }

  public DiskAnnReadSettings settings() {
    return settings;
  }

  @Override
  public IndexInput openInput(String name, IOContext context) throws IOException {
    if (!settings.equals(DiskAnnReadSettings.DEFAULT)
        && IndexFileNames.matchesExtension(name, "cfs")) {
      throw new IOException(
          "compound file "
              + name
              + " in "
              + in
              + ": the DiskANN read settings "
              + settings
              + " cannot reach a segment inside a compound file; write the index with"
              + " useCompoundFile=false and a merge policy whose noCFSRatio is 0, or read it with"
              + " the default settings");
    }
    return super.openInput(name, context);
  }

  @Override
  public String toString() {
    return "DiskAnnServingDirectory(" + settings + ", " + in + ")";
  }
}
