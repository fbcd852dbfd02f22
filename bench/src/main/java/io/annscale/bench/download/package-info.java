/**
 * Downloads the standard ANN data sets (TEXMEX SIFT1M and GIST1M, big-ann-benchmarks' Deep and
 * SPACEV subsets): resumable HTTP transfers with checksums and progress, prefixes of the
 * billion-vector files cut with a Range request and their headers patched, archives unpacked,
 * ground truth converted to the toolkit's formats.
 */
package io.annscale.bench.download;
