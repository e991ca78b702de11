package dev.riskline.route;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.riskline.risk.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A message template (Mustache: logic-less, {@code {{rating}}}, {@code {{#reasons}}...{{/reasons}}}) over a
 * {@link Message}, compiled once at load. Each kind of target has a default in the jar
 * ({@code dev/riskline/route/templates/<kind>.mustache}); a target's {@code template: FILE} replaces it.
 * Each has a digest variant for the one message of a digest ({@code <kind>-digest.mustache}, replaced by
 * {@code digestTemplate: FILE}), over the same view with its {@link Message.Summary}. Values are escaped for
 * where the text goes (Slack mrkdwn, plain text). Immutable and thread-safe.
 */
public final class Templates {
  private final Mustache mustache;
  private final Mustache digest;

  private Templates(Mustache mustache, Mustache digest) {
    this.mustache = mustache;
    this.digest = digest;
  }

  /**
   * The template of a target: the file at {@code template} in its settings, else the default of its kind.
   * A missing or malformed file is a problem of the settings.
   */
  public static Templates read(Settings s, String kind, UnaryOperator<String> escape) {
    return read(s, "template", kind, escape);
  }

  /**
   * Like {@link #read(Settings, String, UnaryOperator)} for a target with more than one template: the file
   * at setting {@code key}, else the bundled {@code <kind>.mustache}; and its digest variant, the file at
   * {@code digest<Key>}, else the bundled {@code <kind>-digest.mustache}.
   */
  public static Templates read(Settings s, String key, String kind, UnaryOperator<String> escape) {
    Mustache one = compile(s, key, kind, escape);
    Mustache digest = compile(s, "digest" + Character.toUpperCase(key.charAt(0)) + key.substring(1), kind + "-digest",
        escape);
    return one == null || digest == null ? null : new Templates(one, digest);
  }

  /**
   * The template at setting {@code key}, else the bundled {@code <kind>.mustache}, for a target that never
   * gets a digest (a ticket target: one ticket per finding); rendering a digest with it is a bug.
   */
  public static Templates readWithoutDigest(Settings s, String key, String kind, UnaryOperator<String> escape) {
    Mustache one = compile(s, key, kind, escape);
    return one == null ? null : new Templates(one, null);
  }

  /**
   * The template in the file at setting {@code key} for messages and digests alike, for a text with no
   * bundled default (an SNS text message); null after adding a problem.
   */
  static Templates readFile(Settings s, String key, UnaryOperator<String> escape) {
    Mustache one = file(s, key, escape);
    return one == null ? null : new Templates(one, one);
  }

  /**
   * The template in the file at setting {@code key}, which has no bundled default (a webhook's JSON body);
   * null after adding a problem.
   */
  static Mustache file(Settings s, String key, UnaryOperator<String> escape) {
    return compile(s, key, null, escape);
  }

  private static Mustache compile(Settings s, String key, String kind, UnaryOperator<String> escape) {
    String file = s.string(key, null);
    if (file == null && kind == null) return null; // not a string: s.string added the problem
    String text;
    String name;
    if (file != null) {
      name = file;
      try {
        text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        s.problem(s.at(key), "cannot read " + file + ": " + e.getMessage());
        return null;
      }
    } else {
      name = kind + ".mustache";
      text = bundled(kind);
    }
    try {
      return factory(escape).compile(new StringReader(text), name);
    } catch (MustacheException e) {
      s.problem(s.at(key), "not a valid Mustache template: " + e.getMessage());
      return null;
    }
  }

  /** The bundled default of a kind of target and its digest variant. */
  static Templates bundled(String kind, UnaryOperator<String> escape) {
    return new Templates(factory(escape).compile(new StringReader(bundled(kind)), kind + ".mustache"),
        factory(escape).compile(new StringReader(bundled(kind + "-digest")), kind + "-digest.mustache"));
  }

  private static String bundled(String kind) {
    try (InputStream in = Templates.class.getResourceAsStream("templates/" + kind + ".mustache")) {
      if (in == null) throw new IllegalStateException("no bundled template for " + kind);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DefaultMustacheFactory factory(UnaryOperator<String> escape) {
    return new DefaultMustacheFactory() {
      @Override
      public void encode(String value, Writer writer) {
        try {
          writer.write(escape.apply(value));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** The text for one message: the digest variant for a digest. */
  public String render(Message m) {
    StringWriter w = new StringWriter();
    if (m.summary() != null && digest == null) throw new IllegalStateException("this target takes no digests");
    (m.summary() == null ? mustache : digest).execute(w, m);
    return w.toString().strip();
  }

  /**
   * The text for one message with more values beside it ({@code {{headline}}}, {@code {{playbookUrl}}}); a
   * name the message also has is the message's.
   */
  String render(Message m, java.util.Map<String, ?> more) {
    StringWriter w = new StringWriter();
    mustache.execute(w, new Object[] {more, m});
    return w.toString().strip();
  }

  /** Slack mrkdwn: &amp;, &lt; and &gt; escaped as Slack requires. */
  public static String slack(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Plain text: as it is. */
  public static String plain(String s) {
    return s;
  }
}
