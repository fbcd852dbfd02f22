/**
 * picocli commands of the data toolkit ({@code generate}, {@code groundtruth}, {@code recall},
 * {@code inspect}, {@code quickstart}); the top-level {@code annscale} command in goap-runner
 * mounts them.
 */
package io.annscale.bench.cli;
