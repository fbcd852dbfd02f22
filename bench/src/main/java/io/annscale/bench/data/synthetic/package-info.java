/**
 * Synthetic vector data sets, deterministic from a seed and written in bounded memory: every batch
 * draws from its own random stream derived from (seed, stream, batch), so the output does not
 * depend on the thread count.
 */
package io.annscale.bench.data.synthetic;
