/**
 * SolrCloud targets of the benchmark: a local cluster of real Solr nodes or an existing one,
 * ingestion, queries, migrations.
 */
package io.annscale.bench.solr;
