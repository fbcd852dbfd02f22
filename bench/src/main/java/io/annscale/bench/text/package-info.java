/**
 * Real text for real embeddings: documentation shipped in Debian packages, read from the {@code
 * .deb} files, cut into passages of one to three sentences and deduplicated ({@link
 * io.annscale.bench.text.CorpusBuilder}), and the sentence embeddings of those passages ({@link
 * io.annscale.bench.text.TextEmbedder}).
 */
package io.annscale.bench.text;
