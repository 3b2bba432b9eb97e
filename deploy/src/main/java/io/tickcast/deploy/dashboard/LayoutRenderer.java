package io.tickcast.deploy.dashboard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a dashboard's layout as a PNG: every panel at its grid position with its title, type,
 * unit, query legends and as much of its description as fits, in Grafana's dark colours. It shows where things are, not live data.
 *
 * <p>Run from the repository root to refresh the README's picture:
 * <pre>{@code
 * java -cp deploy/target/classes:<jackson jars> io.tickcast.deploy.dashboard.LayoutRenderer \
 *     deploy/grafana/dashboards/tickcast.json docs/dashboard.png
 * }</pre>
 * or {@code ./mvnw -pl deploy test -Dtest=LayoutRendererTest -Dtickcast.dashboard.png=docs/dashboard.png}.
 */
public final class LayoutRenderer {
  /** Grafana's grid is 24 columns wide. */
  public static final int GRID_COLUMNS = 24;
  /** Pixels per grid column. */
  public static final int COLUMN_PX = 56;
  /** Pixels per grid row (Grafana uses 30). */
  public static final int ROW_PX = 30;
  /** Outer margin in pixels. */
  public static final int MARGIN_PX = 16;
  /** Height of the title strip above the grid, in pixels. */
  public static final int HEADER_PX = 44;
  /** Gap between neighbouring panels, in pixels. */
  private static final int GAP_PX = 4;

  private static final Color BACKGROUND = new Color(0x11, 0x12, 0x17);
  private static final Color PANEL = new Color(0x18, 0x1b, 0x1f);
  private static final Color BORDER = new Color(0x2c, 0x32, 0x35);
  private static final Color TEXT = new Color(0xcc, 0xcc, 0xdc);
  private static final Color MUTED = new Color(0x8e, 0x8e, 0x9e);
  private static final Color[] SERIES = {
    new Color(0x73, 0xbf, 0x69), new Color(0xf2, 0xcc, 0x0c), new Color(0x56, 0x94, 0xf2),
    new Color(0xff, 0x78, 0x3c), new Color(0xb8, 0x77, 0xd9), new Color(0xf2, 0x49, 0x5c)
  };

  private LayoutRenderer() {}

  /** The image width in pixels for any dashboard. */
  public static int widthPx() {
    return 2 * MARGIN_PX + GRID_COLUMNS * COLUMN_PX;
  }

  /** The image height in pixels for {@code dashboard}: down to its lowest panel edge. */
  public static int heightPx(Dashboard dashboard) {
    int rows = dashboard.panels().stream().mapToInt(p -> p.y() + p.h()).max().orElse(0);
    return HEADER_PX + rows * ROW_PX + MARGIN_PX;
  }

  /** Draws the layout of {@code dashboard}. */
  public static BufferedImage render(Dashboard dashboard) {
    BufferedImage image = new BufferedImage(widthPx(), heightPx(dashboard), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(TEXT);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
      g.drawString(dashboard.title() + " dashboard layout", MARGIN_PX, 30);
      for (Panel p : dashboard.panels()) {
        if (p.isRow()) {
          drawRow(g, p);
        } else {
          drawPanel(g, p);
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Renders {@code dashboard.json} (first argument) to a PNG (second argument).
   *
   * @throws UncheckedIOException if a file cannot be read or written
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: LayoutRenderer <dashboard.json> <out.png>");
      System.exit(2);
    }
    write(Dashboard.read(Path.of(args[0])), Path.of(args[1]));
  }

  /**
   * Renders {@code dashboard} to a PNG file, creating parent directories.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Dashboard dashboard, Path png) {
    try {
      if (png.toAbsolutePath().getParent() != null) {
        Files.createDirectories(png.toAbsolutePath().getParent());
      }
      ImageIO.write(render(dashboard), "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  private static void drawRow(Graphics2D g, Panel p) {
    int x = MARGIN_PX;
    int y = HEADER_PX + p.y() * ROW_PX;
    g.setColor(TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("\u25be " + p.title(), x, y + ROW_PX - 9);
    g.setColor(BORDER);
    g.drawLine(x, y + ROW_PX - 3, x + GRID_COLUMNS * COLUMN_PX, y + ROW_PX - 3);
  }

  private static void drawPanel(Graphics2D g, Panel p) {
    int x = MARGIN_PX + p.x() * COLUMN_PX + GAP_PX / 2;
    int y = HEADER_PX + p.y() * ROW_PX + GAP_PX / 2;
    int w = p.w() * COLUMN_PX - GAP_PX;
    int h = p.h() * ROW_PX - GAP_PX;
    g.setColor(PANEL);
    g.fillRoundRect(x, y, w, h, 6, 6);
    g.setColor(BORDER);
    g.setStroke(new BasicStroke(1f));
    g.drawRoundRect(x, y, w, h, 6, 6);

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(TEXT);
    int line = y + 20;
    g.drawString(fit(g, p.title(), w - 16), x + 8, line);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(MUTED);
    line += 18;
    String unit = p.unit().isEmpty() ? "" : " \u00b7 unit " + p.unit();
    g.drawString(fit(g, p.type() + unit, w - 16), x + 8, line);

    List<String> legends = new ArrayList<>();
    for (Query q : p.queries()) {
      legends.add(q.legendFormat().isEmpty() ? q.refId() : q.legendFormat());
    }
    int bottom = y + h - 8;
    for (int i = 0; i < legends.size() && line + 18 <= bottom; i++) {
      line += 17;
      g.setColor(SERIES[i % SERIES.length]);
      g.fillRect(x + 8, line - 9, 12, 4);
      g.setColor(TEXT);
      g.drawString(fit(g, legends.get(i), w - 36), x + 26, line);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
    g.setColor(MUTED);
    line += 8;
    for (String text : wrap(g, p.description(), w - 16)) {
      if (line + 15 > bottom) {
        break;
      }
      line += 15;
      g.drawString(text, x + 8, line);
    }
  }

  /** Greedy word wrap of {@code text} into lines at most {@code widthPx} wide. */
  private static List<String> wrap(Graphics2D g, String text, int widthPx) {
    FontMetrics fm = g.getFontMetrics();
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      String candidate = current.isEmpty() ? word : current + " " + word;
      if (fm.stringWidth(candidate) <= widthPx || current.isEmpty()) {
        current = new StringBuilder(candidate);
      } else {
        lines.add(current.toString());
        current = new StringBuilder(word);
      }
    }
    if (!current.isEmpty()) {
      lines.add(current.toString());
    }
    return lines;
  }

  private static String fit(Graphics2D g, String text, int widthPx) {
    FontMetrics fm = g.getFontMetrics();
    if (fm.stringWidth(text) <= widthPx) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && fm.stringWidth(s + "\u2026") > widthPx) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "\u2026";
  }
}
