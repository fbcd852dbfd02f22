package io.annscale.goap.loop;

import io.annscale.bench.cli.Json;
import io.annscale.goap.plan.Fact;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.ScaleFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's state file ({@code state.json}), rewritten atomically after every action so {@code
 * resume} can go on after a crash: what was asked (goal, profile, target), the world state, every
 * step, every decision, the search lists in use and the actions that failed for good.
 */
public final class RunJournal {
  public static final String FILE = "state.json";

  /** The file's content. */
  public record Content(
      String goal,
      String profile,
      double memoryBudgetBytesPerVector,
      String target,
      String zkHost,
      Map<String, Object> facts,
      List<StepRecord> steps,
      List<String> decisions,
      List<String> failedActions,
      List<Integer> fanouts,
      String status,
      String data) {}

  private final Path file;
  private Content content;

  private RunJournal(Path file, Content content) {
    this.file = file;
    this.content = content;
  }

  /**
   * @param data the data choice's label ({@code DataChoice.label()}), so a resumed run measures the
   *     same vectors
   */
  public static RunJournal create(
      Path runDir,
      String goal,
      String profile,
      double budget,
      String target,
      String zkHost,
      List<Integer> fanouts,
      String data) {
    return new RunJournal(
        runDir.resolve(FILE),
        new Content(
            goal,
            profile,
            budget,
            target,
            zkHost,
            Map.of(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            fanouts,
            "running",
            data));
  }

  public static RunJournal load(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no " + FILE + " in " + runDir + ": not a run directory");
    }
    Content c = Json.MAPPER.readValue(file.toFile(), Content.class);
    return new RunJournal(
        file,
        new Content(
            c.goal(),
            c.profile(),
            c.memoryBudgetBytesPerVector(),
            c.target(),
            c.zkHost(),
            c.facts(),
            new ArrayList<>(c.steps()),
            new ArrayList<>(c.decisions()),
            new ArrayList<>(c.failedActions()),
            c.fanouts(),
            c.status(),
            c.data()));
  }

  public Content content() {
    return content;
  }

  /** The saved world state. */
  public WorldState state() {
    WorldState state = WorldState.empty();
    for (var entry : content.facts().entrySet()) {
      Fact<?> fact =
          ScaleFacts.byName(entry.getKey())
              .orElseThrow(
                  () -> new IllegalStateException(FILE + ": unknown fact " + entry.getKey()));
      state = with(state, fact, entry.getValue());
    }
    return state;
  }

  private static <T> WorldState with(WorldState state, Fact<T> fact, Object value) {
    Object typed =
        fact.type() == Double.class && value instanceof Number n ? n.doubleValue() : value;
    return state.with(fact, fact.cast(typed));
  }

  public void save(WorldState state, List<Integer> fanouts, String status) throws IOException {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (Fact<?> fact : ScaleFacts.ALL) {
      state.get(fact).ifPresent(v -> facts.put(fact.name(), v));
    }
    Content c = content;
    content =
        new Content(
            c.goal(),
            c.profile(),
            c.memoryBudgetBytesPerVector(),
            c.target(),
            c.zkHost(),
            facts,
            c.steps(),
            c.decisions(),
            c.failedActions(),
            fanouts,
            status,
            c.data());
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public void addStep(StepRecord step) {
    content.steps().add(step);
  }

  public void addDecision(String decision) {
    content.decisions().add(decision);
  }

  public void addFailedAction(String action) {
    content.failedActions().add(action);
  }
}
