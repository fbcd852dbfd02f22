/**
 * The GOAP engine (world state, actions, A* planner, OODA executor) and the annscale command line.
 */
package io.annscale.goap;
