package io.annscale.goap.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Finds the cheapest sequence of actions that takes a start state to one where the goal holds: A*
 * over world states, priced by a {@link CostModel} and guided by {@link CheapestWriterHeuristic},
 * which is admissible and consistent, so the first goal state taken from the open set is reached by
 * an optimal plan.
 *
 * <p>Reproducible: actions are tried in name order and ties in f = g + h go to the deeper node
 * (larger g), then to the alphabetically first last action, then to the node generated first, so
 * the same inputs give the same plan whatever order the actions come in.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return configured copies.
 */
public final class AStarPlanner {
  /** Enough for catalogues of tens of actions; a search that needs more has a modelling problem. */
  public static final int DEFAULT_MAX_EXPANSIONS = 100_000;

  private static final Comparator<Node> SEARCH_ORDER =
      Comparator.comparingDouble(Node::f)
          .thenComparing(Comparator.comparingDouble(Node::g).reversed())
          .thenComparing(Node::actionName)
          .thenComparingLong(Node::sequence);

  private final CostModel costs;
  private final int maxExpansions;

  /** A planner that uses each action's own estimate and {@link #DEFAULT_MAX_EXPANSIONS}. */
  public AStarPlanner() {
    this(CostModel.ESTIMATES, DEFAULT_MAX_EXPANSIONS);
  }

  private AStarPlanner(CostModel costs, int maxExpansions) {
    this.costs = costs;
    this.maxExpansions = maxExpansions;
  }

  /** This planner pricing actions with {@code costs}. */
  public AStarPlanner withCostModel(CostModel costs) {
    return new AStarPlanner(Objects.requireNonNull(costs, "costs"), maxExpansions);
  }

  /**
   * This planner pricing actions by their observed durations where known, see {@link
   * CostModel#observed(Map)}.
   *
   * @param observedSeconds action name to observed duration in seconds, each finite and > 0
   */
  public AStarPlanner withObservedCosts(Map<String, Double> observedSeconds) {
    return withCostModel(CostModel.observed(observedSeconds));
  }

  /**
   * @param maxExpansions how many states the search may expand before giving up, >= 1
   */
  public AStarPlanner withMaxExpansions(int maxExpansions) {
    if (maxExpansions < 1) {
      throw new IllegalArgumentException("maxExpansions must be >= 1, got " + maxExpansions);
    }
    return new AStarPlanner(costs, maxExpansions);
  }

  /**
   * The cheapest plan from {@code start} to a state that satisfies {@code goal}: an empty plan if
   * the goal already holds, {@link Optional#empty()} if no sequence of the actions reaches it.
   *
   * @param actions the actions available, with distinct names
   * @throws IllegalArgumentException if two actions share a name or the cost model prices one
   *     outside (0, inf)
   * @throws IllegalStateException if the search expands more than the configured number of states
   */
  public Optional<Plan> plan(WorldState start, Goal goal, Collection<Action> actions) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(goal, "goal");
    List<Action> byName = sortedByUniqueName(actions);
    Map<Action, Double> priced = price(byName);
    if (goal.isSatisfiedBy(start)) {
      return Optional.of(new Plan(goal, start, List.of()));
    }
    CheapestWriterHeuristic heuristic = new CheapestWriterHeuristic(goal, byName, priced::get);
    return search(start, goal, byName, priced, heuristic);
  }

  private Optional<Plan> search(
      WorldState start,
      Goal goal,
      List<Action> actions,
      Map<Action, Double> priced,
      CheapestWriterHeuristic heuristic) {
    double startEstimate = heuristic.estimate(start);
    if (startEstimate == Double.POSITIVE_INFINITY) {
      return Optional.empty();
    }
    PriorityQueue<Node> open = new PriorityQueue<>(SEARCH_ORDER);
    Map<WorldState, Double> bestCost = new HashMap<>();
    Set<WorldState> closed = new HashSet<>();
    long generated = 0;
    open.add(new Node(start, 0, startEstimate, null, null, 0, generated++));
    bestCost.put(start, 0.0);
    while (!open.isEmpty()) {
      Node node = open.poll();
      if (!closed.add(node.state())) {
        continue; // a stale entry: the state was already expanded through a cheaper path
      }
      if (goal.isSatisfiedBy(node.state())) {
        return Optional.of(toPlan(goal, start, node));
      }
      if (closed.size() > maxExpansions) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "planning goal %s gave up after expanding %d states (maxExpansions) with %d actions and no plan yet;"
                    + " raise maxExpansions or give the planner fewer, more specific actions",
                goal.name(),
                maxExpansions,
                actions.size()));
      }
      for (Action action : actions) {
        if (!action.isApplicableIn(node.state())) {
          continue;
        }
        WorldState next = action.applyTo(node.state());
        if (next.equals(node.state()) || closed.contains(next)) {
          continue;
        }
        double cost = priced.get(action);
        double g = node.g() + cost;
        if (g >= bestCost.getOrDefault(next, Double.POSITIVE_INFINITY)) {
          continue;
        }
        double h = heuristic.estimate(next);
        if (h == Double.POSITIVE_INFINITY) {
          continue;
        }
        bestCost.put(next, g);
        open.add(new Node(next, g, g + h, node, action, cost, generated++));
      }
    }
    return Optional.empty();
  }

  private static Plan toPlan(Goal goal, WorldState start, Node last) {
    Deque<Plan.Step> steps = new ArrayDeque<>();
    for (Node node = last; node.parent() != null; node = node.parent()) {
      steps.addFirst(new Plan.Step(node.action(), node.actionCost(), node.state()));
    }
    return new Plan(goal, start, new ArrayList<>(steps));
  }

  private static List<Action> sortedByUniqueName(Collection<Action> actions) {
    List<Action> sorted = new ArrayList<>(actions);
    sorted.sort(Comparator.comparing(Action::name));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
        throw new IllegalArgumentException(
            "two actions are named " + sorted.get(i).name() + "; names must be unique");
      }
    }
    return sorted;
  }

  /**
   * Prices every action once, so a search sees fixed costs and a bad cost model fails before
   * searching.
   */
  private Map<Action, Double> price(List<Action> actions) {
    Map<Action, Double> priced = new IdentityHashMap<>();
    for (Action action : actions) {
      double seconds = costs.secondsFor(action);
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "the cost model priced action %s at %s; costs must be finite seconds > 0",
                action.name(),
                seconds));
      }
      priced.put(action, seconds);
    }
    return priced;
  }

  /**
   * One search node: the state, the cost paid to reach it (g), g plus the heuristic (f), and the
   * step that led here. {@code sequence} is the generation order, the last tie-breaker.
   */
  private record Node(
      WorldState state,
      double g,
      double f,
      Node parent,
      Action action,
      double actionCost,
      long sequence) {
    String actionName() {
      return action == null ? "" : action.name();
    }
  }
}
