/**
 * Exact nearest neighbours (ground truth) by blocked brute force over a streamed base file, and
 * recall of approximate results against it, with ties at the k-th distance counted as hits.
 */
package io.annscale.bench.truth;
