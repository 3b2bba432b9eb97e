package io.tickcast.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.deploy.Repo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Draws the dashboard layout. Writes {@code target/dashboard.png}, or the path in system property
 * {@code tickcast.dashboard.png} (relative to the repository root) to refresh the README picture.
 */
class LayoutRendererTest {
  private static final Dashboard DASHBOARD =
      Dashboard.read(Repo.deploy("grafana/dashboards/tickcast.json"));
  private static final int PANEL_RGB = 0x181b1f;
  private static final int BACKGROUND_RGB = 0x111217;

  @Test
  void drawsEveryPanelAtItsGridPosition() throws IOException {
    BufferedImage image = LayoutRenderer.render(DASHBOARD);
    int lowestEdge = DASHBOARD.panels().stream().mapToInt(p -> p.y() + p.h()).max().orElseThrow();
    // 24 columns of 56 px plus two 16 px margins; 44 px title strip, 30 px rows, 16 px margin.
    assertThat(image.getWidth()).isEqualTo(16 + 24 * 56 + 16);
    assertThat(image.getHeight()).isEqualTo(44 + lowestEdge * 30 + 16);
    for (Panel p : DASHBOARD.visualisations()) {
      // bottom-right inner corner: inside the panel, away from its text.
      int x = 16 + (p.x() + p.w()) * 56 - 12;
      int y = 44 + (p.y() + p.h()) * 30 - 8;
      assertThat(image.getRGB(x, y) & 0xffffff).as("fill of '%s'", p.title()).isEqualTo(PANEL_RGB);
    }
    // just below the title strip at the far right: a row header, never a panel.
    assertThat(image.getRGB(image.getWidth() - 4, 44 + 4) & 0xffffff).isEqualTo(BACKGROUND_RGB);

    String target = System.getProperty("tickcast.dashboard.png");
    Path out = target != null ? Repo.root().resolve(target) : Path.of("target", "dashboard.png");
    LayoutRenderer.write(DASHBOARD, out);
    assertThat(ImageIO.read(out.toFile()).getHeight()).isEqualTo(image.getHeight());
  }

  /** The README's picture has the current layout's size: re-render it when the grid changes. */
  @Test
  void readmePictureMatchesTheCurrentLayout() throws IOException {
    Path png = Repo.root().resolve("docs/dashboard.png");
    assertThat(png).as("render it with -Dtickcast.dashboard.png=docs/dashboard.png").exists();
    BufferedImage picture = ImageIO.read(png.toFile());
    assertThat(picture.getWidth()).isEqualTo(LayoutRenderer.widthPx());
    assertThat(picture.getHeight()).isEqualTo(LayoutRenderer.heightPx(DASHBOARD));
  }
}
