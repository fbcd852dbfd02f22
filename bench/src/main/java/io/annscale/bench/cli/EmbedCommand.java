package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileFormat;
import io.annscale.bench.data.VectorFileWriter;
import io.annscale.bench.text.TextEmbedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code embed}: real 384-d text embeddings of a passages file, resumable. Vectors go to an {@code
 * .fvecs} file and the passages beside it ({@code <name>.tsv}: the vector's ordinal, a tab, the
 * text), so every neighbour a search returns can be read.
 */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Embed a text file (one passage a line) with all-MiniLM-L6-v2 (384-d, unit length: use --metric cosine),",
      "on the CPU, batched and multi-threaded. Writes <out>.fvecs and <out>.tsv (ordinal TAB text). A stopped",
      "run resumes where it stopped when started again with the same arguments."
    })
public final class EmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      description = "Passages, one a line (UTF-8), e.g. from `corpus`.")
  Path input;

  @Option(
      names = "--skip",
      defaultValue = "0",
      converter = CountConverter.class,
      description = "Lines to skip first (default: ${DEFAULT-VALUE}).")
  long skip;

  @Option(
      names = {"-n", "--count"},
      converter = CountConverter.class,
      description = "Passages to embed after the skipped ones (default: all).")
  Long count;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "Vectors file (.fvecs or .fbin); the passages go to the same name with .tsv.")
  Path out;

  @Option(names = "--threads", description = "Concurrent embedding calls (default: all cores).")
  Integer threads;

  @Option(
      names = "--batch",
      defaultValue = "512",
      description = "Passages per batch, written and kept together (default: ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public Integer call() throws Exception {
    run();
    return 0;
  }

  /** Embeds and returns the number of vectors the output holds. */
  public long run() throws IOException {
    PrintWriter log = spec.commandLine().getOut();
    VectorFileFormat format = VectorFileFormat.of(out);
    if (format != VectorFileFormat.FVECS && format != VectorFileFormat.FBIN) {
      throw new IllegalArgumentException(
          "--out " + out + ": embeddings are float32; use .fvecs or .fbin");
    }
    if (skip < 0 || (count != null && count < 1) || batch < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--skip %d must be >= 0, --count %s and --batch %d >= 1",
              skip,
              count,
              batch));
    }
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("--input " + input + ": no such file");
    }
    Path texts = textsFile(out);
    if (Files.isRegularFile(out) && Files.isRegularFile(texts)) {
      log.printf(Locale.ROOT, "embed: %s exists, kept (delete it to embed again)%n", out);
      return io.annscale.bench.data.VectorFileInfo.read(out).count();
    }
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    long wanted = count != null ? count : countLines(input) - skip;
    if (wanted < 1) {
      throw new IllegalArgumentException(
          "--input " + input + " has no passages after --skip " + skip);
    }
    try (VectorFileWriter vectors = VectorFileWriter.resume(out, TextEmbedder.DIMENSION)) {
      long done = vectors.count();
      Path textsPartial = texts.resolveSibling(texts.getFileName() + ".partial");
      keepLines(textsPartial, done);
      log.printf(
          Locale.ROOT,
          "embed: %s lines %d..%d -> %s (+ %s), %s, %d threads%s%n",
          input,
          skip,
          skip + wanted,
          out,
          texts.getFileName(),
          TextEmbedder.MODEL,
          workers,
          done > 0 ? ", resuming at " + done : "");
      log.flush();
      long start = System.nanoTime();
      long before = done;
      try (TextEmbedder embedder = new TextEmbedder(workers);
          BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
          Writer textOut =
              Files.newBufferedWriter(
                  textsPartial,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND);
          Progress.ResumableBar bar = Progress.resumable("embed", wanted, "text")) {
        for (long i = 0; i < skip + done; i++) {
          if (reader.readLine() == null) {
            throw new IllegalArgumentException(
                "--input " + input + " ends before line " + (skip + done));
          }
        }
        bar.accept(done);
        List<String> block = new ArrayList<>(batch);
        while (done < wanted) {
          block.clear();
          for (String line;
              block.size() < Math.min(batch, wanted - done)
                  && (line = reader.readLine()) != null; ) {
            block.add(line.isBlank() ? "." : line);
          }
          if (block.isEmpty()) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "--input %s has %d passages after --skip %d, fewer than the %d asked for",
                    input,
                    done,
                    skip,
                    wanted));
          }
          float[][] embeddings = embedder.embed(block);
          // texts first, then vectors: a stop between the two leaves extra text lines, which a
          // resume cuts
          for (int i = 0; i < block.size(); i++) {
            textOut.write(Long.toString(done + i));
            textOut.write('\t');
            textOut.write(block.get(i).replace('\t', ' '));
            textOut.write('\n');
          }
          textOut.flush();
          for (float[] e : embeddings) {
            vectors.write(e);
          }
          vectors.sync();
          done += block.size();
          bar.accept(done);
        }
      }
      Files.move(
          textsPartial, texts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      vectors.commit();
      double seconds = (System.nanoTime() - start) / 1e9;
      log.printf(
          Locale.ROOT,
          "embed: %,d passages in %.0f s (%.2f ms each) -> %s%n",
          done - before,
          seconds,
          seconds * 1e3 / Math.max(1, done - before),
          out);
      log.flush();
      return done;
    }
  }

  /** {@code base.fvecs} -> {@code base.tsv}. */
  public static Path textsFile(Path vectors) {
    String name = vectors.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return vectors.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".tsv");
  }

  /**
   * Cuts {@code file} after its first {@code lines} lines (a resumed run's texts must match its
   * vectors).
   */
  private static void keepLines(Path file, long lines) throws IOException {
    if (!Files.exists(file)) {
      if (lines > 0) {
        throw new IOException(
            file
                + " is missing but its vectors' partial file holds "
                + lines
                + " records; delete both");
      }
      return;
    }
    long end = 0;
    long seen = 0;
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      for (int b; seen < lines && (b = in.read()) >= 0; ) {
        end++;
        if (b == '\n') {
          seen++;
        }
      }
    }
    if (seen < lines) {
      throw new IOException(
          file
              + " holds "
              + seen
              + " passages but its vectors' partial file "
              + lines
              + "; delete both");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(end);
    }
  }

  /** Lines of a UTF-8 text file. */
  static long countLines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }
}
