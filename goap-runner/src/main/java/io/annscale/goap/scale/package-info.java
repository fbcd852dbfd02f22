/**
 * The scale-validation domain: world-state facts, machine profiles and the plan's milestones with
 * their criteria.
 */
package io.annscale.goap.scale;
