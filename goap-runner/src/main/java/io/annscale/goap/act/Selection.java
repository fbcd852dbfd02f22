package io.annscale.goap.act;

import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.ResultTables;
import io.annscale.bench.run.SearchRecord;
import io.annscale.goap.scale.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration that answers the milestone, chosen from everything measured so far at the
 * profile's largest client count: the best QPS among settings on the target recall and within the
 * memory budget; failing the budget, the least memory among settings on target; failing the target,
 * the best recall.
 *
 * @param residentBytesPerVector hot index files plus the vector readers' heap, per vector
 */
public record Selection(
    String format,
    int fanout,
    int clients,
    double recall,
    double qps,
    double p99Millis,
    double residentBytesPerVector,
    boolean withinBudget,
    boolean onTarget) {

  public static Optional<Selection> choose(
      Map<String, EmbeddedBenchmark.Result> measured, Profile profile) {
    List<Selection> candidates = new ArrayList<>();
    for (EmbeddedBenchmark.Result result : measured.values()) {
      for (SearchRecord search : result.searches()) {
        if (search.threads() != profile.maxClients()) {
          continue;
        }
        BuildRecord build =
            result.builds().stream()
                .filter(b -> b.key().format().cliName().equals(search.format()))
                .findFirst()
                .orElseThrow();
        double resident = ResultTables.residentBytesPerVector(build, search);
        candidates.add(
            new Selection(
                search.format(),
                search.fanout(),
                search.threads(),
                search.recall(),
                search.qps(),
                search.p99Micros() / 1000.0,
                resident,
                resident <= profile.memoryBudgetBytesPerVector(),
                search.recall() >= profile.targetRecall()));
      }
    }
    Optional<Selection> best =
        candidates.stream()
            .filter(c -> c.onTarget && c.withinBudget)
            .max(Comparator.comparingDouble(Selection::qps));
    if (best.isEmpty()) {
      best =
          candidates.stream()
              .filter(Selection::onTarget)
              .min(
                  Comparator.comparingDouble(Selection::residentBytesPerVector)
                      .thenComparing(c -> -c.qps));
    }
    if (best.isEmpty()) {
      best =
          candidates.stream()
              .max(Comparator.comparingDouble(Selection::recall).thenComparing(c -> -c.fanout));
    }
    return best;
  }
}
