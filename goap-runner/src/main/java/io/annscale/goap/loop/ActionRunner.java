package io.annscale.goap.loop;

import io.annscale.goap.act.Observation;
import io.annscale.goap.act.RunContext;
import io.annscale.goap.act.ScaleAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.solr.client.solrj.SolrServerException;

/**
 * The act phase for one action: each attempt runs on its own thread under the action's timeout;
 * failures that a second try can cure (I/O, a Solr node not answering) are retried with a growing
 * pause, others fail at once, and so does a timeout (the abandoned attempt may still be running).
 */
public final class ActionRunner {
  static final int ATTEMPTS = 3;

  private final long backoffMillis;

  public ActionRunner(long backoffMillis) {
    this.backoffMillis = backoffMillis;
  }

  /** The outcome of running an action: its observation, or the failure that ended it. */
  public record Outcome(Observation observation, Exception failure, int attempts) {
    public boolean succeeded() {
      return observation != null;
    }
  }

  public Outcome run(ScaleAction action, RunContext context) throws InterruptedException {
    Exception last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ExecutorService thread =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "goap-" + action.name());
                t.setDaemon(true);
                return t;
              });
      Future<Observation> running = thread.submit(() -> action.executor().execute(context));
      try {
        return new Outcome(
            running.get((long) (action.timeoutSeconds() * 1000), TimeUnit.MILLISECONDS),
            null,
            attempt);
      } catch (TimeoutException e) {
        running.cancel(true);
        // not retried: the abandoned attempt may still be running
        return new Outcome(
            null,
            new TimeoutException(
                action.name()
                    + " took longer than its timeout of "
                    + action.timeoutSeconds()
                    + " s"),
            attempt);
      } catch (ExecutionException e) {
        last = e.getCause() instanceof Exception cause ? cause : new RuntimeException(e.getCause());
        if (!isRetriable(last)) {
          return new Outcome(null, last, attempt);
        }
      } finally {
        thread.shutdownNow();
      }
      if (attempt < ATTEMPTS) {
        context
            .log()
            .printf(
                "goap: %s attempt %d of %d failed (%s); retrying%n",
                action.name(), attempt, ATTEMPTS, last);
        context.log().flush();
        Thread.sleep(backoffMillis * attempt);
      }
    }
    return new Outcome(null, last, ATTEMPTS);
  }

  /** I/O and Solr-unavailable failures can pass; bad arguments and broken invariants will not. */
  static boolean isRetriable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof SolrServerException) {
        return true;
      }
      if (t instanceof org.apache.solr.common.SolrException solr && solr.code() >= 500) {
        return true;
      }
    }
    return false;
  }
}
