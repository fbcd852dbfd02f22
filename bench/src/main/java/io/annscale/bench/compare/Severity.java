package io.annscale.bench.compare;

/** How bad a change is; ordered, so the worst of several is their maximum. */
public enum Severity {
  OK,
  WARNING,
  CRITICAL
}
