package io.annscale.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annscale.bench.download.HttpDownloader;
import io.annscale.bench.text.CorpusBuilder;
import io.annscale.bench.text.DebianPackages;
import io.annscale.bench.text.PassageSplitter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corpus}: passages of real documentation text from Debian packages, for {@code embed}. */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = {
      "Download Debian documentation packages (from a mirror's index; verified by SHA-256; cached), cut their",
      "HTML, text and POD into passages of 1-3 sentences, deduplicate them and write them one a line, shuffled",
      "with --seed, plus <out>.json naming every package version and what it gave."
    })
public final class CorpusCommand implements Callable<Integer> {
  /**
   * The packages of the docs-minilm data set: about 1.1M distinct English passages from 43 of
   * Debian 12's manuals.
   */
  public static final List<String> DEFAULT_PACKAGES =
      List.of(
          "linux-doc-6.1",
          "openjdk-17-doc",
          "python3.11-doc",
          "postgresql-doc-15",
          "perl-doc",
          "erlang-doc",
          "racket-doc",
          "qtbase5-doc-html",
          "debian-handbook",
          "libstdc++-12-doc",
          "llvm-14-doc",
          "rust-doc",
          "python-sqlalchemy-doc",
          "ghc-doc",
          "libreoffice-help-en-us",
          "apache2-doc",
          "python-sklearn-doc",
          "python-django-doc",
          "libboost1.81-doc",
          "cmake-doc",
          "python-pandas-doc",
          "python-scipy-doc",
          "git-doc",
          "libgtk-4-doc",
          "gnucash-docs",
          "octave-doc",
          "gimp-help-en",
          "nodejs-doc",
          "sphinx-doc",
          "maxima-doc",
          "kicad-doc-en",
          "lilypond-doc-html",
          "sagemath-doc",
          "python-sympy-doc",
          "python-astropy-doc",
          "python-statsmodels-doc",
          "twisted-doc",
          "derby-doc",
          "db5.3-doc",
          "pacemaker-doc",
          "wx3.2-doc",
          "scala-doc",
          "groovy-doc");

  @Spec CommandSpec spec;

  @Option(
      names = "--packages",
      split = ",",
      description =
          "Documentation packages (architecture all) to read (default: the docs-minilm set of 43 manuals).")
  List<String> packages = DEFAULT_PACKAGES;

  @Option(
      names = "--mirror",
      defaultValue = DebianPackages.DEFAULT_MIRROR,
      description = "Debian mirror (default: ${DEFAULT-VALUE}).")
  String mirror;

  @Option(
      names = "--suite",
      defaultValue = DebianPackages.DEFAULT_SUITE,
      description = "Debian suite (default: ${DEFAULT-VALUE}).")
  String suite;

  @Option(
      names = "--package-cache",
      description =
          "Where the index and .deb files are kept (default: debian-packages/ under the data folder).")
  Path packageCache;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the passage order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "Passages file, one a line (UTF-8).")
  Path out;

  /** What the run wrote. */
  public record Output(Path passages, int count) {}

  @Override
  public Integer call() throws Exception {
    run();
    return 0;
  }

  public Output run() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    Path cache =
        packageCache != null ? packageCache : DataDirectory.root().resolve("debian-packages");
    Files.createDirectories(cache);
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    log.printf(
        Locale.ROOT,
        "corpus: %d packages from %s %s (cache %s) -> %s%n",
        packages.size(),
        mirror,
        suite,
        cache,
        out);
    log.flush();
    CorpusBuilder corpus = new CorpusBuilder(PassageSplitter.defaults());
    ArrayNode manifestPackages = Json.MAPPER.createArrayNode();
    long start = System.nanoTime();
    try (DownloadProgress progress = new DownloadProgress(log)) {
      DebianPackages debian =
          new DebianPackages(mirror, suite, cache, HttpDownloader.withDefaults(), progress);
      for (String name : packages) {
        DebianPackages.Entry entry = debian.entry(name.strip());
        Path deb = debian.fetch(entry);
        progress.close();
        CorpusBuilder.PackageText text = corpus.add(entry, deb);
        log.printf(
            Locale.ROOT,
            "corpus: %-24s %-28s %6d files %8d passages %8d new (total %,d)%s%n",
            text.name(),
            text.version(),
            text.files(),
            text.passages(),
            text.added(),
            corpus.size(),
            text.unreadable() == 0 ? "" : "; " + text.unreadable() + " damaged files skipped");
        log.flush();
        manifestPackages.addPOJO(text);
      }
    }
    corpus.write(out, seed);
    ObjectNode manifest = Json.MAPPER.createObjectNode();
    manifest.put("passages", corpus.size());
    manifest.put("seed", seed);
    manifest.put("mirror", mirror);
    manifest.put("suite", suite);
    manifest.set("packages", manifestPackages);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(out.resolveSibling(out.getFileName() + ".json").toFile(), manifest);
    log.printf(
        Locale.ROOT,
        "corpus: %,d distinct passages in %.0f s -> %s%n",
        corpus.size(),
        (System.nanoTime() - start) / 1e9,
        out);
    return new Output(out, corpus.size());
  }
}
