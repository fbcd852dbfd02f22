package io.annscale.goap.plan;

import java.util.Locale;
import java.util.Map;

/**
 * How long the planner should assume an action takes. The runner records what each action really
 * took and feeds those observations into the next plan, so a plan made after a slow download prices
 * downloads accordingly.
 */
@FunctionalInterface
public interface CostModel {

  /** Every action's own estimate. */
  CostModel ESTIMATES = Action::estimatedCostSeconds;

  /**
   * The cost of running the action, in seconds. The planner rejects a result that is not finite and
   * > 0.
   *
   * @param action an action being planned
   */
  double secondsFor(Action action);

  /**
   * Observed seconds where there is an observation for the action's name, the action's estimate
   * elsewhere. Names with no matching action are ignored, so one record can serve every milestone.
   *
   * @param observedSeconds action name to observed duration in seconds, each finite and > 0
   * @throws IllegalArgumentException naming the action if an observation is not finite and > 0
   */
  static CostModel observed(Map<String, Double> observedSeconds) {
    Map<String, Double> observed = Map.copyOf(observedSeconds);
    observed.forEach(
        (name, seconds) -> {
          if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "observed cost of action %s must be a finite number of seconds > 0, got %s",
                    name,
                    seconds));
          }
        });
    return action -> observed.getOrDefault(action.name(), action.estimatedCostSeconds());
  }
}
