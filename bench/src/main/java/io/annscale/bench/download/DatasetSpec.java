package io.annscale.bench.download;

import java.util.List;

/**
 * A downloadable data set.
 *
 * @param name the name on the command line, e.g. {@code sift1m}
 * @param description one line: source, sizes, metric, and what is not included
 * @param approximateBytes roughly what the download transfers, for the listing
 */
public record DatasetSpec(
    String name,
    String description,
    long vectors,
    int dimension,
    String elementType,
    String metric,
    long approximateBytes,
    List<RemoteFile> files) {}
