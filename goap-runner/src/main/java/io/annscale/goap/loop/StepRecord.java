package io.annscale.goap.loop;

import java.util.List;

/**
 * One executed (or failed) action as the journal keeps it.
 *
 * @param cpuShare process CPU time over wall time divided by the cores: 1.0 = every core busy the
 *     whole time
 * @param readMegabytesPerSecond storage reads caused by this process during the action
 */
public record StepRecord(
    String action,
    String startedAt,
    double seconds,
    int attempts,
    String outcome,
    String summary,
    long heapUsedBytes,
    long residentBytes,
    double cpuShare,
    double readMegabytesPerSecond,
    List<String> findings) {}
