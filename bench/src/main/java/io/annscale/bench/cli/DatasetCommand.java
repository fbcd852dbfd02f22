package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.VectorFileWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dataset docs-minilm}: the real text-embedding data set in one command, each step kept and
 * resumable.
 *
 * <ol>
 *   <li>{@code corpus}: distinct passages of Debian 12's manuals, shuffled ({@code passages.txt}).
 *   <li>{@code embed}: the first {@value #HELD_OUT} passages are held out as queries ({@code
 *       query.fvecs}), the next {@code --size} are the base ({@code embeddings/base-<size>.fvecs}),
 *       with their texts beside them.
 *   <li>{@code groundtruth}: exact cosine top-100 of every query in the base.
 * </ol>
 *
 * The folder of a size ({@code <dir>/<size>/}, or {@code <size>-q<queries>} for fewer queries) then
 * holds {@code base.fvecs}, {@code query.fvecs} (the first {@code --queries} held-out ones), {@code
 * gt100.ivecs} and {@code gt100.dist.fvecs}, the layout of {@code bench tier}. A smaller size is
 * cut from the embeddings of a larger one when they exist: its base is a prefix of the larger base
 * and every size has the same queries.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = {
      "Make a real data set: docs-minilm, passages of Debian's manuals (corpus) embedded by all-MiniLM-L6-v2",
      "(embed; 384-d, cosine), held-out queries and exact top-100 ground truth (groundtruth). Every step is kept",
      "and a stopped run resumes. E.g. `dataset docs-minilm --size 1M` (about an hour of embedding on 2 cores)."
    })
public final class DatasetCommand implements Callable<Integer> {
  /** The only recipe so far. */
  public static final String DOCS_MINILM = "docs-minilm";

  /**
   * Passages held out as queries, at the front of the shuffled corpus; the base starts after them.
   */
  public static final int HELD_OUT = 1_000;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The data set: " + DOCS_MINILM + ".")
  String name;

  @Option(
      names = {"-n", "--size"},
      required = true,
      converter = CountConverter.class,
      description = "Base vectors, e.g. 100K or 1M.")
  long size;

  @Option(
      names = {"-q", "--queries"},
      defaultValue = "1000",
      converter = CountConverter.class,
      description = "Held-out queries, at most 1000 (default: ${DEFAULT-VALUE}).")
  long queries;

  @Option(
      names = "--dir",
      description =
          "Folder of the data set (default: docs-minilm/ under $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path dir;

  @Option(
      names = "--threads",
      description = "Embedding and ground-truth threads (default: all cores).")
  Integer threads;

  /** The files of one size, as {@code bench run} takes them. */
  public record Output(Path base, Path queries, Path truth, Path truthDistances) {}

  @Override
  public Integer call() throws Exception {
    Output output = run();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "dataset: ready; measure it with%n  annscale bench run --metric cosine --base %s --queries %s"
            + " --truth %s --truth-distances %s%n",
        output.base(),
        output.queries(),
        output.truth(),
        output.truthDistances());
    return 0;
  }

  public Output run() throws Exception {
    if (!DOCS_MINILM.equals(name)) {
      throw new IllegalArgumentException("dataset " + name + ": unknown; known: " + DOCS_MINILM);
    }
    if (size < 1_000 || size > Integer.MAX_VALUE || queries < 1 || queries > HELD_OUT) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--size %d must be in [1000, %d] and --queries %d in [1, %d]",
              size,
              Integer.MAX_VALUE,
              queries,
              HELD_OUT));
    }
    PrintWriter out = spec.commandLine().getOut();
    Path root = root(dir);
    String sizeName = CountConverter.format(size).toLowerCase(Locale.ROOT);
    Output output = output(dir, size, queries);
    Path sizeDir = output.base().getParent();
    if (Files.isRegularFile(output.truth())
        && Files.isRegularFile(output.truthDistances())
        && Files.isRegularFile(output.base())
        && Files.isRegularFile(output.queries())) {
      out.printf(Locale.ROOT, "dataset: %s exists%n", sizeDir);
      return output;
    }
    Files.createDirectories(sizeDir);

    Path passages = root.resolve("passages.txt");
    if (Files.isRegularFile(passages)) {
      out.printf(Locale.ROOT, "dataset: %s exists, reused%n", passages);
    } else {
      step("corpus", new CorpusCommand(), "-o", passages.toString());
    }
    long available = EmbedCommand.countLines(passages);
    if (available < HELD_OUT + size) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s holds %,d passages; %d held-out queries + --size %d need %,d (give more --packages to `corpus`)",
              passages,
              available,
              HELD_OUT,
              size,
              HELD_OUT + size));
    }
    List<String> threadArgs =
        threads == null ? List.of() : List.of("--threads", threads.toString());
    Path query = root.resolve("query.fvecs");
    Path queryTexts = EmbedCommand.textsFile(query);
    if (!Files.isRegularFile(query)) {
      step(
          "embed",
          new EmbedCommand(),
          with(
              threadArgs,
              "--input",
              passages.toString(),
              "-n",
              Long.toString(HELD_OUT),
              "-o",
              query.toString()));
    }
    Path embeddings = largestEmbeddings(root.resolve("embeddings"), size);
    if (embeddings == null) {
      embeddings = root.resolve("embeddings").resolve("base-" + sizeName + ".fvecs");
      step(
          "embed",
          new EmbedCommand(),
          with(
              threadArgs,
              "--input",
              passages.toString(),
              "--skip",
              Long.toString(HELD_OUT),
              "-n",
              Long.toString(size),
              "-o",
              embeddings.toString()));
    }
    copyPrefix(embeddings, output.base(), size);
    copyLines(EmbedCommand.textsFile(embeddings), EmbedCommand.textsFile(output.base()), size);
    copyPrefix(query, output.queries(), queries);
    copyLines(queryTexts, EmbedCommand.textsFile(output.queries()), queries);
    step(
        "groundtruth",
        new GroundTruthCommand(),
        with(
            threadArgs,
            "--base",
            output.base().toString(),
            "--queries",
            output.queries().toString(),
            "--metric",
            "cosine",
            "-k",
            "100",
            "-o",
            output.truth().toString(),
            "--distances-out",
            output.truthDistances().toString()));
    return output;
  }

  /**
   * The files of one size and query count in the data set's folder {@code dir} (null: the default
   * folder).
   */
  public static Output output(Path dir, long size, long queries) {
    String sizeName = CountConverter.format(size).toLowerCase(Locale.ROOT);
    Path sizeDir = root(dir).resolve(queries == HELD_OUT ? sizeName : sizeName + "-q" + queries);
    return new Output(
        sizeDir.resolve("base.fvecs"),
        sizeDir.resolve("query.fvecs"),
        sizeDir.resolve("gt100.ivecs"),
        sizeDir.resolve("gt100.dist.fvecs"));
  }

  private static Path root(Path dir) {
    return dir != null ? dir : DataDirectory.root().resolve(DOCS_MINILM);
  }

  /** The smallest complete {@code base-<n>.fvecs} with at least {@code size} vectors, or null. */
  private static Path largestEmbeddings(Path folder, long size) throws IOException {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    Path best = null;
    long bestCount = Long.MAX_VALUE;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "base-*.fvecs")) {
      for (Path file : files) {
        long count = VectorFileInfo.read(file).count();
        if (count >= size
            && count < bestCount
            && Files.isRegularFile(EmbedCommand.textsFile(file))) {
          best = file;
          bestCount = count;
        }
      }
    }
    return best;
  }

  /**
   * The first {@code count} vectors of {@code from} as {@code to}; a hard link when that is all of
   * them.
   */
  private static void copyPrefix(Path from, Path to, long count) throws IOException {
    Files.deleteIfExists(to);
    VectorFileInfo info = VectorFileInfo.read(from);
    if (info.count() == count) {
      try {
        Files.createLink(to, from);
        return;
      } catch (IOException | UnsupportedOperationException e) {
        // another file system: copy instead
      }
    }
    float[] vector = new float[info.dimension()];
    try (VectorFileReader reader = VectorFileReader.open(info, count);
        VectorFileWriter writer = VectorFileWriter.create(to, info.dimension())) {
      for (long i = 0; i < count; i++) {
        reader.read(vector, 1);
        writer.write(vector);
      }
      writer.commit();
    }
  }

  private static void copyLines(Path from, Path to, long lines) throws IOException {
    Path partial = to.resolveSibling(to.getFileName() + ".partial");
    try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      String line;
      for (long i = 0; i < lines && (line = in.readLine()) != null; i++) {
        w.write(line);
        w.write('\n');
      }
    }
    Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String[] with(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private void step(String title, Object command, String... args) {
    Subcommand.announceAndExecute(spec, "dataset", title, command, args);
  }
}
