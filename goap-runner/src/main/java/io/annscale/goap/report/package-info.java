/** The milestone report a run leaves behind. */
package io.annscale.goap.report;
