/**
 * Regression detection between two benchmark results: every setting of the baseline is matched in
 * the current run, and changes of QPS, p99 latency, recall, memory and build time are judged
 * against thresholds.
 */
package io.annscale.bench.compare;
