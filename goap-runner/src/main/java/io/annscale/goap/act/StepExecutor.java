package io.annscale.goap.act;

/** Carries out one action against the run's target and reports what it established. */
@FunctionalInterface
public interface StepExecutor {
  Observation execute(RunContext context) throws Exception;
}
