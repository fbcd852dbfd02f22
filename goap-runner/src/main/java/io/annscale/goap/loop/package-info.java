/** The observe-orient-decide-act loop that executes plans, watches the measurements and replans. */
package io.annscale.goap.loop;
