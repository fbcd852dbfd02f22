/**
 * PQ-HNSW: Lucene's HNSW graph searched on residual product-quantization codes, then the best
 * candidates reranked on the exact float vectors. {@link
 * io.annscale.codec.hnswpq.PqHnswVectorsFormat} is the format (SPI {@code AnnscalePqHnsw1}) and
 * documents its files; {@link io.annscale.codec.hnswpq.PqFlatVectorsFormat} writes the codes beside
 * Lucene's raw vectors; {@link io.annscale.codec.hnswpq.AdcVectorScorer} scores graph nodes from
 * their codes; {@link io.annscale.codec.hnswpq.PqKnnFloatVectorQuery} sets the search list and the
 * rerank depth per query.
 */
package io.annscale.codec.hnswpq;
