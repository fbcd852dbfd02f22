package io.annscale.bench.report;

import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HtmlReportTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static SearchRecord search(
      String format, int fanout, int threads, double recall, double qps) {
    return new SearchRecord(
        format,
        fanout,
        threads,
        10,
        100,
        1000,
        qps,
        500,
        400,
        600,
        900,
        1200,
        1500,
        recall,
        recall,
        recall,
        -1,
        0,
        0,
        List.of(qps),
        0,
        0,
        0);
  }

  @Test
  public void writesAPageWithEmbeddedChartsAndThePngs() throws Exception {
    Path dir = tmp.getRoot().toPath();
    RunParameters parameters =
        new RunParameters(
            dir.resolve("base.fvecs"),
            dir.resolve("q.fvecs"),
            dir.resolve("t.ivecs"),
            null,
            Metric.EUCLIDEAN,
            1000,
            List.of(VectorFormatChoice.LUCENE_HNSW, VectorFormatChoice.PQ8_HNSW),
            16,
            100,
            0,
            0,
            List.of(10, 20),
            List.of(1, 2),
            10,
            1,
            3,
            5,
            0.95,
            dir,
            false,
            256,
            42);
    EmbeddedBenchmark.Result result =
        new EmbeddedBenchmark.Result(
            null,
            parameters,
            List.of(),
            List.of(
                search("lucene-hnsw", 10, 1, 0.9, 5000), search("lucene-hnsw", 20, 1, 0.95, 3000),
                search("pq8-hnsw", 10, 1, 0.93, 4000), search("pq8-hnsw", 20, 1, 0.97, 2500),
                search("lucene-hnsw", 10, 2, 0.9, 9000), search("pq8-hnsw", 10, 2, 0.93, 7000)));
    Path html = HtmlReport.write(result, "test <report>", dir.resolve("report"));
    String page = Files.readString(html);
    assertTrue(page.contains("<title>test &lt;report&gt;</title>"));
    assertTrue(page.contains("data:image/png;base64,"));
    assertTrue(page.contains("<td>pq8-hnsw</td><td>20</td><td>1</td><td>0.9700</td>"));
    for (String png :
        List.of("recall-qps-1t.png", "recall-qps-2t.png", "latency-1t.png", "latency-2t.png")) {
      BufferedImage image = ImageIO.read(dir.resolve("report").resolve(png).toFile());
      assertTrue(png, image != null && image.getWidth() == 900);
    }
  }
}
