/** Measuring vector indexes: data sets, exact ground truth, recall, and the scale benchmark. */
package io.annscale.bench;
