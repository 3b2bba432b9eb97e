package io.tickcast.deploy.dashboard;

import java.util.List;

/**
 * One panel (or row header) of a Grafana dashboard.
 *
 * @param id the panel id
 * @param type Grafana panel type: {@code row}, {@code timeseries}, {@code stat}, {@code table}, ...
 * @param title the panel title
 * @param description the panel description (empty when absent)
 * @param unit the field unit, {@code fieldConfig.defaults.unit} (empty when absent)
 * @param x grid column of the left edge, 0-23
 * @param y grid row of the top edge
 * @param w width in grid columns (the grid is 24 columns wide)
 * @param h height in grid rows (one row is 30 px in Grafana)
 * @param datasourceUid the panel's datasource uid (empty when absent)
 * @param queries the panel's queries in order
 */
public record Panel(
    int id,
    String type,
    String title,
    String description,
    String unit,
    int x,
    int y,
    int w,
    int h,
    String datasourceUid,
    List<Query> queries) {

  /** Whether this is a row header rather than a visualisation. */
  public boolean isRow() {
    return "row".equals(type);
  }

  /** Whether this panel's grid rectangle shares any cell with {@code other}'s. */
  public boolean overlaps(Panel other) {
    return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
  }
}
