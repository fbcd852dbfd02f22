package io.annscale.goap.loop;

import com.fasterxml.jackson.core.type.TypeReference;
import io.annscale.bench.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long each action really took, per profile, kept across runs ({@code observed-costs.json}) so
 * the next plan is priced by experience rather than by the estimates. The latest observation of an
 * action replaces the one before.
 */
public final class ObservedCosts {
  private final Path file;
  private final String profile;
  private final Map<String, Map<String, Double>> byProfile;

  private ObservedCosts(Path file, String profile, Map<String, Map<String, Double>> byProfile) {
    this.file = file;
    this.profile = profile;
    this.byProfile = byProfile;
  }

  public static ObservedCosts load(Path file, String profile) throws IOException {
    Map<String, Map<String, Double>> all = new TreeMap<>();
    if (Files.isRegularFile(file)) {
      all.putAll(
          Json.MAPPER.readValue(
              file.toFile(), new TypeReference<Map<String, Map<String, Double>>>() {}));
    }
    return new ObservedCosts(file, profile, all);
  }

  /** Action name to observed seconds for this profile. */
  public Map<String, Double> seconds() {
    return Map.copyOf(byProfile.getOrDefault(profile, Map.of()));
  }

  public void record(String action, double seconds) throws IOException {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      return;
    }
    byProfile.computeIfAbsent(profile, p -> new TreeMap<>()).put(action, seconds);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), byProfile);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
