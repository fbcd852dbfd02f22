/**
 * Solr 9 / SolrCloud integration of the annscale formats: field types, query parser and codec
 * routing.
 */
package io.annscale.solr;
