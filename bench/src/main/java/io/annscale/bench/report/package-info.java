/**
 * Reports of benchmark results: a self-contained HTML page with PNG charts (recall vs QPS,
 * latency).
 */
package io.annscale.bench.report;
