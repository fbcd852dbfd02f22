/**
 * The {@code annscale} command line: one entry point that mounts the toolkit's and the runner's
 * commands.
 */
package io.annscale.goap.cli;
