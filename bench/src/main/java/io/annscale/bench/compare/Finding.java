package io.annscale.bench.compare;

/**
 * One metric of one setting, compared.
 *
 * @param setting what was measured, e.g. {@code pq8-hnsw fanout=40 threads=2} or {@code pq8-hnsw
 *     build}
 * @param metric e.g. {@code qps}, {@code p99_ms}, {@code recall}, {@code hot_bytes_per_vector}
 * @param baseline the baseline's value; NaN when the setting is missing from the baseline
 * @param current the current value; NaN when the setting is missing from the current run
 * @param change relative change in percent, or the absolute difference for recall
 */
public record Finding(
    String setting,
    String metric,
    double baseline,
    double current,
    double change,
    Severity severity) {}
