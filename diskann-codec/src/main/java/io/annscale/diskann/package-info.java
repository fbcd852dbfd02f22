/**
 * The DiskANN-style on-disk vector format: Vamana graph, 4 KiB node blocks, beam search and
 * hot-node cache.
 */
package io.annscale.diskann;
