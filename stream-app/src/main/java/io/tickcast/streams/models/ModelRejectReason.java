package io.tickcast.streams.models;

/** Why a model record on the models topic was not served (the {@code reason} label values). */
public enum ModelRejectReason {
  /** The bytes are not a model record, or a file's size or SHA-256 differs from the record's. */
  CORRUPT("corrupt"),
  /** The files are intact but core's {@code ModelArtifact.load} rejects the artifact. */
  INVALID("invalid"),
  /** A valid artifact the running model cannot be replaced by (window, columns, engine). */
  INCOMPATIBLE("incompatible");

  private final String code;

  ModelRejectReason(String code) {
    this.code = code;
  }

  /** The metric label value. */
  public String code() {
    return code;
  }
}
