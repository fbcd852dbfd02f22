package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.testutil.RealTextDataSet;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.diskann.DiskAnnParameters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every annscale format with its defaults reaches recall@10 >= 0.95 at its default search list on
 * real text embeddings (all-MiniLM-L6-v2, 384-d, cosine; {@link RealTextDataSet}), against exact
 * ground truth: PQ-HNSW at its default search list for k = 10 ({@code k x oversample} = 50),
 * DiskANN at its default search list (100). Lucene's float HNSW is measured beside them as the
 * reference.
 */
public class RealTextRecallTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void defaultsReachRecallOnRealTextEmbeddings() throws Exception {
    RealTextDataSet data = RealTextDataSet.get();
    StringWriter log = new StringWriter();
    List<VectorFormatChoice> formats =
        List.of(
            VectorFormatChoice.LUCENE_HNSW,
            VectorFormatChoice.PQ8_HNSW,
            VectorFormatChoice.PQ4_HNSW,
            VectorFormatChoice.DISKANN);
    int defaultList = DiskAnnParameters.DEFAULT.searchListSize();
    int pqDefaultList = 10 * PqParameters.DEFAULT_OVERSAMPLE;
    RunParameters parameters =
        new RunParameters(
            data.base(),
            data.queries(),
            data.truth(),
            data.truthDistances(),
            Metric.COSINE,
            RealTextDataSet.BASE,
            formats,
            16,
            100,
            0,
            0,
            List.of(10, pqDefaultList, defaultList),
            List.of(1),
            10,
            0.05,
            1,
            0.05,
            0.95,
            tmp.newFolder().toPath(),
            false,
            256,
            0);
    EmbeddedBenchmark.Result result = new EmbeddedBenchmark(parameters, new PrintWriter(log)).run();
    System.out.println(log); // the per-format table, in the test's output file
    assertEquals(log.toString(), 3 * formats.size(), result.searches().size());
    for (SearchRecord search : result.searches()) {
      boolean atDefault =
          search.format().equals("diskann")
              ? search.fanout() == defaultList
              : search.fanout() == pqDefaultList;
      if (atDefault && !search.format().equals("lucene-hnsw")) {
        assertTrue(
            search.format()
                + " at its default search list "
                + search.fanout()
                + ": recall@10="
                + search.recall()
                + "\n"
                + log,
            search.recall() >= 0.95);
      }
      if (search.format().equals("lucene-hnsw") && search.fanout() == defaultList) {
        assertTrue(
            "reference: lucene-hnsw recall@10 at " + defaultList + "=" + search.recall(),
            search.recall() >= 0.95);
      }
    }
  }
}
