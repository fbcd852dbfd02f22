/**
 * JMH microbenchmarks, one class per hot loop. Run with {@code ./annscale jmh <ClassName> [JMH
 * options]}; the launcher enables the Vector API module and forks inherit it through each class's
 * {@code @Fork} settings.
 */
package io.annscale.bench.jmh;
