/**
 * Memory planning from measured indexes: the per-vector bytes of each file of a built index, split
 * into what grows with the dimension, what does not, and what is fixed per segment, projected to
 * other sizes.
 */
package io.annscale.bench.plan;
