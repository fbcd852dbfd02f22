/**
 * The embedded benchmark: builds a Lucene index per vector format on the same data in one process,
 * then measures build time, size, hot bytes per vector, QPS, latency percentiles and recall against
 * exact ground truth.
 */
package io.annscale.bench.run;
