package io.annscale.goap.act;

import io.annscale.goap.plan.Action;

/**
 * A plannable action with the executor that carries it out.
 *
 * @param timeoutSeconds how long one attempt may take before it is abandoned
 */
public record ScaleAction(Action action, StepExecutor executor, double timeoutSeconds) {
  public String name() {
    return action.name();
  }
}
