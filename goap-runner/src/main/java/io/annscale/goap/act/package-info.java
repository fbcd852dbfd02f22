/**
 * The runner's actions: what each one does to the world (executors calling the bench and SolrCloud
 * code).
 */
package io.annscale.goap.act;
