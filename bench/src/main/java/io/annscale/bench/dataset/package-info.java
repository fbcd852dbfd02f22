/**
 * Data sets as a whole (base vectors, queries, their true neighbours and the metric) in the files
 * other benchmarks publish them in, such as ann-benchmarks' HDF5 ({@link
 * io.annscale.bench.dataset.AnnBenchmarksFile}), turned into the vector files every tool of the
 * toolkit reads.
 */
package io.annscale.bench.dataset;
