package io.annscale.bench.text;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.Test;

public class DocumentTextTest {
  @Test
  public void htmlBlocksAreParagraphsWithoutCodeScriptsOrNavigation() throws Exception {
    String html =
        "<html><head><title>T</title><script>var x = 1;</script></head><body>"
            + "<nav>Skip navigation links</nav><h1>Indexes</h1>"
            + "<p>An index is a <code>B-tree</code> by default.\nIt speeds up  lookups.</p>"
            + "<pre>CREATE INDEX i ON t (c);</pre><ul><li>First&nbsp;item</li><li>Second</li></ul></body></html>";
    assertEquals(
        List.of(
            "Indexes",
            "An index is a B-tree by default. It speeds up lookups.",
            "First item",
            "Second"),
        DocumentText.paragraphs("doc/index.html", html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void restructuredTextWithoutLiteralBlocksDirectivesOrMarkup() throws Exception {
    String rst =
        "Title\n=====\n\nThe ``foo`` option sets :ref:`the limit <limits>` of **all** tasks.\n"
            + "It is read once.\n\n.. note::\n\n    indented literal block\n    more code\n\nLast paragraph here.\n";
    assertEquals(
        List.of(
            "The foo option sets the limit of all tasks. It is read once.", "Last paragraph here."),
        DocumentText.paragraphs("Documentation/a.rst", rst.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void podCodesAreStrippedAndCommandsSkipped() throws Exception {
    String pod =
        "=head1 NAME\n\nperlfoo - a manual\n\n=head2 Usage\n\nCall C<foo()> with L<perlfunc/open> and"
            + " B<I<care>>.\n";
    assertEquals(
        List.of("perlfoo - a manual", "Call foo() with perlfunc/open and care."),
        DocumentText.paragraphs("pod/perlfoo.pod", pod.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void gzippedFilesAreReadInsideAndOtherFilesSkipped() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("One paragraph of text.\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(
        List.of("One paragraph of text."),
        DocumentText.paragraphs("a/readme.txt.gz", bytes.toByteArray()));
    assertEquals(List.of(), DocumentText.paragraphs("a/logo.png", new byte[] {1, 2, 3}));
    assertEquals(DocumentText.Kind.HTML, DocumentText.kindOf("x/Page.HTML.gz"));
  }

  @Test
  public void latin1DocumentsAreDecoded() throws Exception {
    byte[] latin1 = "Caf\u00e9 au lait.".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(List.of("Caf\u00e9 au lait."), DocumentText.paragraphs("old.txt", latin1));
  }
}
