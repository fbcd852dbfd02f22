/**
 * Product quantization: codebook training (k-means++ then Lloyd, per sub-space, on a bounded
 * deterministic sample), encoding to 8- or 4-bit codes, and asymmetric-distance (ADC) tables for
 * scoring codes against a float query. No file formats here: {@link io.annscale.codec.hnswpq}
 * persists what this package computes.
 */
package io.annscale.codec.pq;
