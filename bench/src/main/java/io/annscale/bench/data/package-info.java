/**
 * Vector data files: the TEXMEX formats ({@code .fvecs}, {@code .ivecs}, {@code .bvecs}: every
 * record carries its dimension) and the big-ann-benchmarks formats ({@code .fbin}, {@code .u8bin},
 * {@code .i8bin}, {@code .ibin}: one header of count and dimension). All little-endian. {@link
 * io.annscale.bench.data.VectorFileReader} streams a file in bounded memory, {@link
 * io.annscale.bench.data.MappedVectorFile} reads any record through a memory map, and {@link
 * io.annscale.bench.data.VectorFileWriter} writes one atomically.
 */
package io.annscale.bench.data;
