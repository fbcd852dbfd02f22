package io.annscale.goap.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A small random planning problem over boolean facts, kept twice: as bitmasks (state = one bit per
 * fact), which the test oracles search without any planner code, and as the {@link Fact}/{@link
 * Action}/{@link Goal} objects the planner gets. Agreement between the two is what the tests check.
 */
final class RandomBooleanProblem {

  /**
   * An action as masks: runs when {@code (s & preMask) == preBits}, sets the {@code effMask} bits
   * to effBits.
   */
  record BitAction(String name, int preMask, int preBits, int effMask, int effBits, double cost) {
    boolean applicableIn(int state) {
      return (state & preMask) == preBits;
    }

    int applyTo(int state) {
      return (state & ~effMask) | effBits;
    }
  }

  final long seed;
  final int factCount;
  final int start;
  final int goalMask;
  final int goalBits;
  final List<BitAction> bitActions;
  final List<Fact<Boolean>> facts = new ArrayList<>();
  final List<Action> actions = new ArrayList<>();
  final Goal goal;

  private RandomBooleanProblem(
      long seed, int factCount, int start, int goalMask, int goalBits, List<BitAction> bits) {
    this.seed = seed;
    this.factCount = factCount;
    this.start = start;
    this.goalMask = goalMask;
    this.goalBits = goalBits;
    this.bitActions = bits;
    for (int i = 0; i < factCount; i++) {
      facts.add(Fact.flag("f" + i));
    }
    for (BitAction bit : bits) {
      Action.Builder action = Action.named(bit.name()).estimatedCostSeconds(bit.cost());
      for (int i = 0; i < factCount; i++) {
        if ((bit.preMask() >> i & 1) == 1) {
          action.requires(Condition.is(facts.get(i), (bit.preBits() >> i & 1) == 1));
        }
        if ((bit.effMask() >> i & 1) == 1) {
          action.sets(facts.get(i), (bit.effBits() >> i & 1) == 1);
        }
      }
      actions.add(action.build());
    }
    List<Condition> goalConditions = new ArrayList<>();
    for (int i = 0; i < factCount; i++) {
      if ((goalMask >> i & 1) == 1) {
        goalConditions.add(Condition.is(facts.get(i), (goalBits >> i & 1) == 1));
      }
    }
    this.goal = new Goal("random-" + seed, goalConditions);
  }

  /**
   * 4-7 facts, 5-9 actions with 0-3 preconditions and 1-3 effects each, a goal on 1-4 facts; half
   * the problems use whole-number costs 1-10, which makes ties (and so tie-breaking) common. Two
   * problems in three hide a chain of 2-5 actions, each needing what the one before set, and take
   * the goal from where the chain ends, so plans are often several steps long while the random
   * actions around the chain may offer cheaper shortcuts. The rest are fully random, which is where
   * unreachable and already satisfied goals come from.
   */
  static RandomBooleanProblem generate(long seed) {
    Random random = new Random(seed);
    int factCount = 4 + random.nextInt(4);
    int actionCount = 5 + random.nextInt(5);
    boolean wholeCosts = random.nextBoolean();
    int start = randomBits(random, allFacts(factCount), factCount, 0.25);
    List<BitAction> bits = new ArrayList<>();
    int chainEnd = start;
    if (random.nextInt(3) != 0) {
      int chainLength = 2 + random.nextInt(4);
      int lastChanged = 0;
      for (int a = 0; a < chainLength; a++) {
        int preMask = lastChanged | randomMask(random, factCount, random.nextInt(2));
        int effMask = randomMask(random, factCount, 1 + random.nextInt(2));
        int effBits = randomBits(random, effMask, factCount, 0.85);
        if ((chainEnd & effMask) == effBits) {
          effBits ^= Integer.lowestOneBit(effMask); // every chain step changes something
        }
        bits.add(
            new BitAction(
                "", preMask, chainEnd & preMask, effMask, effBits, cost(random, wholeCosts)));
        lastChanged = effMask & (chainEnd ^ effBits);
        chainEnd = (chainEnd & ~effMask) | effBits;
      }
    }
    int changed = chainEnd ^ start;
    int goalMask = randomMask(random, factCount, 1 + random.nextInt(3));
    int goalBits;
    if (changed != 0) {
      goalMask |= Integer.lowestOneBit(changed); // the goal needs the chain, or a shortcut
      goalBits = chainEnd & goalMask;
    } else {
      goalBits = randomBits(random, goalMask, factCount, 0.9);
    }
    for (int a = bits.size(); a < actionCount; a++) {
      int preMask = randomMask(random, factCount, random.nextInt(3));
      int effMask = randomMask(random, factCount, 1 + random.nextInt(3));
      bits.add(
          new BitAction(
              "",
              preMask,
              randomBits(random, preMask, factCount, 0.7),
              effMask,
              randomBits(random, effMask, factCount, 0.85),
              cost(random, wholeCosts)));
    }
    Collections.shuffle(bits, random);
    List<BitAction> named = new ArrayList<>();
    for (BitAction b :
        bits) { // named after shuffling, so name order (the planner's tie-break) ignores the chain
      named.add(
          new BitAction(
              "a" + named.size(), b.preMask(), b.preBits(), b.effMask(), b.effBits(), b.cost()));
    }
    return new RandomBooleanProblem(seed, factCount, start, goalMask, goalBits, named);
  }

  private static double cost(Random random, boolean whole) {
    return whole ? 1 + random.nextInt(10) : 0.5 + 9.5 * random.nextDouble();
  }

  private static int allFacts(int factCount) {
    return (1 << factCount) - 1;
  }

  private static int randomMask(Random random, int factCount, int size) {
    int mask = 0;
    while (Integer.bitCount(mask) < size) {
      mask |= 1 << random.nextInt(factCount);
    }
    return mask;
  }

  private static int randomBits(Random random, int mask, int factCount, double probabilityOfOne) {
    int bits = 0;
    for (int i = 0; i < factCount; i++) {
      if ((mask >> i & 1) == 1 && random.nextDouble() < probabilityOfOne) {
        bits |= 1 << i;
      }
    }
    return bits;
  }

  int stateCount() {
    return 1 << factCount;
  }

  /** The planner's view of a bitmask state: every fact set. */
  WorldState state(int bits) {
    WorldState state = WorldState.empty();
    for (int i = 0; i < factCount; i++) {
      state = state.with(facts.get(i), (bits >> i & 1) == 1);
    }
    return state;
  }

  boolean goalHolds(int state) {
    return (state & goalMask) == goalBits;
  }

  BitAction bitAction(String name) {
    return bitActions.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Uniform-cost search (Dijkstra) over all bitmask states: the exact cheapest cost to the goal,
   * +inf if none.
   */
  double optimalCost(int from) {
    double[] best = new double[stateCount()];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[from] = 0;
    PriorityQueue<double[]> open = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
    open.add(new double[] {0, from});
    while (!open.isEmpty()) {
      double[] entry = open.poll();
      int state = (int) entry[1];
      if (entry[0] > best[state]) {
        continue;
      }
      if (goalHolds(state)) {
        return entry[0];
      }
      for (BitAction action : bitActions) {
        if (action.applicableIn(state)) {
          int next = action.applyTo(state);
          double cost = entry[0] + action.cost();
          if (cost < best[next]) {
            best[next] = cost;
            open.add(new double[] {cost, next});
          }
        }
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Brute force: the cheapest of every action sequence of at most {@code maxDepth} steps (including
   * ones that revisit states) after which the goal holds; +inf if none. Branches already dearer
   * than the best are cut, which cannot lose the minimum because costs are positive.
   */
  double cheapestSequenceCost(int from, int maxDepth) {
    double[] best = {Double.POSITIVE_INFINITY};
    enumerate(from, 0, maxDepth, best);
    return best[0];
  }

  private void enumerate(int state, double cost, int depthLeft, double[] best) {
    if (cost >= best[0]) {
      return;
    }
    if (goalHolds(state)) {
      best[0] = cost;
      return;
    }
    if (depthLeft == 0) {
      return;
    }
    for (BitAction action : bitActions) {
      if (action.applicableIn(state)) {
        enumerate(action.applyTo(state), cost + action.cost(), depthLeft - 1, best);
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "seed=%d facts=%d start=%s goal=%s%n",
                seed,
                factCount,
                state(start),
                goal.conditions()));
    for (Action action : actions) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %s needs %s sets %s cost %s%n",
              action.name(),
              action.preconditions(),
              action.effects(),
              action.estimatedCostSeconds()));
    }
    return text.toString();
  }
}
