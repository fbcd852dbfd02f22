/**
 * The GOAP planner core: typed {@link io.annscale.goap.plan.Fact facts} make up an immutable {@link
 * io.annscale.goap.plan.WorldState}; {@link io.annscale.goap.plan.Action actions} have
 * preconditions, expected effects and a cost in seconds; {@link io.annscale.goap.plan.AStarPlanner}
 * finds the cheapest sequence of actions that reaches a {@link io.annscale.goap.plan.Goal} and
 * returns it as a {@link io.annscale.goap.plan.Plan} that can explain itself. Pure computation:
 * nothing here runs a benchmark or touches a file.
 */
package io.annscale.goap.plan;
