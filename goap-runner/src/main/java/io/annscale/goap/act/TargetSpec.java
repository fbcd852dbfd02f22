package io.annscale.goap.act;

import java.util.Locale;

/**
 * Which target a run measures on.
 *
 * @param zkHost the existing cluster's ZooKeeper ({@link Kind#EXISTING_SOLRCLOUD}), else null
 */
public record TargetSpec(Kind kind, String zkHost) {
  public enum Kind {
    EMBEDDED,
    LOCAL_SOLRCLOUD,
    EXISTING_SOLRCLOUD
  }

  public static TargetSpec parse(String target, String zkHost) {
    return switch (target.toLowerCase(Locale.ROOT)) {
      case "embedded" -> new TargetSpec(Kind.EMBEDDED, null);
      case "local-solrcloud" -> new TargetSpec(Kind.LOCAL_SOLRCLOUD, null);
      case "solrcloud" -> {
        if (zkHost == null || zkHost.isBlank()) {
          throw new IllegalArgumentException(
              "--target solrcloud needs --zk-host HOST:PORT[/CHROOT]");
        }
        yield new TargetSpec(Kind.EXISTING_SOLRCLOUD, zkHost);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown --target '"
                  + target
                  + "'; known: local-solrcloud, embedded, solrcloud (with --zk-host)");
    };
  }

  public boolean isSolrCloud() {
    return kind != Kind.EMBEDDED;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EMBEDDED -> "embedded";
      case LOCAL_SOLRCLOUD -> "local-solrcloud";
      case EXISTING_SOLRCLOUD -> "solrcloud at " + zkHost;
    };
  }
}
