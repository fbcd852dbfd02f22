/**
 * The annscale vector formats for Lucene: HNSW over product-quantized vectors, and the shared
 * pieces (PQ training, distance kernels) that the DiskANN format builds on.
 */
package io.annscale.codec;
