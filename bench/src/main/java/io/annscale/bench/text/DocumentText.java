package io.annscale.bench.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The paragraphs of prose in one documentation file: HTML through jsoup (block elements are
 * paragraphs; code blocks, scripts, styles and navigation are left out), reStructuredText, plain
 * text and POD by blank-line paragraphs without their markup, literal blocks and directives.
 * Gzipped files ({@code .gz}) are read inside.
 */
public final class DocumentText {
  /** What kind of document a file name says it is. */
  public enum Kind {
    HTML,
    TEXT,
    POD,
    /** Not documentation text (images, scripts, data): skipped. */
    OTHER
  }

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "li",
          "dd",
          "dt",
          "td",
          "th",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "div",
          "section",
          "article",
          "blockquote",
          "caption",
          "figcaption",
          "br",
          "tr",
          "table",
          "ul",
          "ol",
          "dl",
          "body",
          "main",
          "header",
          "footer",
          "aside",
          "hr",
          "summary",
          "details",
          "form");

  private static final Set<String> SKIPPED =
      Set.of(
          "script",
          "style",
          "pre",
          "nav",
          "head",
          "title",
          "noscript",
          "svg",
          "math",
          "button",
          "select",
          "textarea",
          "template");

  /**
   * Lines that make a text paragraph a literal block, a directive, a heading underline or a table.
   */
  private static final Pattern NOT_PROSE_LINE =
      Pattern.compile("^(\\s{2,}|\\t|\\.\\. |::|\\$ |#|\\||\\+-|=+$|-+$|~+$|\\*+$|\\^+$)");

  /** reStructuredText and AsciiDoc inline markup: roles, backquotes, emphasis, link targets. */
  private static final Pattern RST_ROLE = Pattern.compile(":[a-z:]+:`([^`<]*?)(?:\\s*<[^>]*>)?`");

  private static final Pattern RST_MARKUP =
      Pattern.compile("`+|\\*\\*|(?<=\\s)\\*|\\*(?=\\s)|_(?=\\s)");

  /**
   * POD formatting codes: {@code C<code>}, {@code L<text|target>}, and the bracketed form {@code
   * C<< a->b >>}.
   */
  private static final Pattern POD_CODE = Pattern.compile("[A-Z]<([^<>|]*)(?:\\|[^<>]*)?>");

  private static final Pattern POD_BRACKETED_CODE = Pattern.compile("[A-Z]<<+\\s+(.+?)\\s+>>+");

  private DocumentText() {}

  /** The kind of {@code name}, ignoring a trailing {@code .gz}. */
  public static Kind kindOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) {
      return Kind.HTML;
    }
    if (n.endsWith(".pod")) {
      return Kind.POD;
    }
    if (n.endsWith(".txt") || n.endsWith(".rst") || n.endsWith(".text")) {
      return Kind.TEXT;
    }
    return Kind.OTHER;
  }

  /** The paragraphs of the file {@code name} with contents {@code bytes}, whitespace collapsed. */
  public static List<String> paragraphs(String name, byte[] bytes) throws IOException {
    Kind kind = kindOf(name);
    if (kind == Kind.OTHER) {
      return List.of();
    }
    byte[] content = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? gunzip(bytes) : bytes;
    String text = decode(content);
    return switch (kind) {
      case HTML -> htmlParagraphs(text);
      case TEXT -> textParagraphs(text, false);
      case POD -> textParagraphs(text, true);
      case OTHER -> List.of();
    };
  }

  static List<String> htmlParagraphs(String html) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    Element body = Jsoup.parse(html).body();
    NodeTraversor.traverse(
        new NodeVisitor() {
          private int skipped;

          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              if (skipped == 0) {
                current.append(text.getWholeText());
              }
            } else if (node instanceof Element e) {
              if (SKIPPED.contains(e.normalName())) {
                skipped++;
              } else if (BLOCKS.contains(e.normalName())) {
                flush(current, paragraphs);
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e) {
              if (SKIPPED.contains(e.normalName())) {
                skipped--;
              } else if (BLOCKS.contains(e.normalName())) {
                flush(current, paragraphs);
              }
            }
          }
        },
        body);
    flush(current, paragraphs);
    return paragraphs;
  }

  static List<String> textParagraphs(String text, boolean pod) {
    List<String> paragraphs = new ArrayList<>();
    for (String block : text.split("\\r?\\n\\s*\\r?\\n")) {
      String[] lines = block.split("\\r?\\n");
      boolean prose = true;
      for (String line : lines) {
        if (NOT_PROSE_LINE.matcher(line).find() || (pod && line.startsWith("="))) {
          prose = false;
          break;
        }
      }
      if (!prose) {
        continue;
      }
      String joined = String.join(" ", lines);
      if (pod) {
        // codes nest (C<L<...>>): strip innermost first until none is left
        for (String previous = null; !joined.equals(previous); ) {
          previous = joined;
          joined =
              POD_CODE
                  .matcher(POD_BRACKETED_CODE.matcher(joined).replaceAll("$1"))
                  .replaceAll("$1");
        }
      } else {
        joined = RST_MARKUP.matcher(RST_ROLE.matcher(joined).replaceAll("$1")).replaceAll("");
      }
      StringBuilder b = new StringBuilder(joined);
      flush(b, paragraphs);
    }
    return paragraphs;
  }

  private static void flush(StringBuilder current, List<String> paragraphs) {
    if (current.length() == 0) {
      return;
    }
    String collapsed = collapse(current);
    current.setLength(0);
    if (!collapsed.isEmpty()) {
      paragraphs.add(collapsed);
    }
  }

  /** Whitespace runs (including non-breaking spaces) to one space, trimmed. */
  static String collapse(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** UTF-8, or Latin-1 for the old documents that are not valid UTF-8. */
  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
