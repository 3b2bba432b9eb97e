package io.tickcast.streams.models;

import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelLoadException;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.schemas.ModelFile;
import io.tickcast.schemas.ModelRecord;
import io.tickcast.schemas.serde.MalformedRecordException;
import io.tickcast.schemas.serde.ModelRecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Model artifacts as records of the models topic, and back: the one place that writes, reads and
 * validates them. A record holds every regular file of an artifact directory with its size and
 * SHA-256; turning it back into a model checks both, writes the files into a local directory and
 * loads that with core's {@link ModelArtifact#load(Path)}, the loader of the directory path.
 */
public final class ModelRecords {
  /** {@code publish}: a new artifact. */
  public static final String PUBLISH = "publish";
  /** {@code rollback}: an earlier version published again. */
  public static final String ROLLBACK = "rollback";

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

  private ModelRecords() {}

  /**
   * The record of an artifact directory: its non-hidden regular files, sorted by name
   * (sub-directories are not part of an artifact).
   *
   * @param name the model name
   * @param dir an artifact directory ({@value ModelArtifact#METADATA_FILE} and {@value
   *     ModelArtifact#NETWORK_FILE})
   * @param source free text stored in the record
   * @return the record; not validated as a model (see {@link #load})
   * @throws IllegalArgumentException if a file is missing, the metadata is unreadable or the
   *     files exceed {@link ModelTopic#MAX_RECORD_BYTES}
   * @throws UncheckedIOException if the directory cannot be read
   */
  public static ModelRecord fromDirectory(String name, Path dir, String source) {
    ModelTopic.checkName(name);
    List<ModelFile> files = new ArrayList<>();
    long total = 0;
    try (Stream<Path> list = Files.list(dir)) {
      List<Path> paths = list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
      for (Path p : paths) {
        String fileName = p.getFileName().toString();
        if (!FILE_NAME.matcher(fileName).matches()) {
          throw new IllegalArgumentException("artifact file " + p + ": the name must be 1-100"
              + " characters of [A-Za-z0-9._-] to be published");
        }
        byte[] content = Files.readAllBytes(p);
        total += content.length;
        if (total > ModelTopic.MAX_RECORD_BYTES) {
          throw new IllegalArgumentException("artifact " + dir + " is over "
              + ModelTopic.MAX_RECORD_BYTES + " bytes; the models topic takes records up to that"
              + " size (ModelTopic.MAX_RECORD_BYTES)");
        }
        files.add(ModelFile.newBuilder().setName(fileName).setSize(content.length)
            .setSha256(ModelArtifact.sha256(content)).setContent(ByteBuffer.wrap(content)).build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact directory " + dir, e);
    }
    Path meta = dir.resolve(ModelArtifact.METADATA_FILE);
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(dir.resolve(ModelArtifact.NETWORK_FILE))) {
      throw new IllegalArgumentException("artifact directory " + dir + " lacks "
          + ModelArtifact.METADATA_FILE + " or " + ModelArtifact.NETWORK_FILE);
    }
    String version;
    try {
      version = ModelArtifact.json().readValue(meta.toFile(), ModelMetadata.class).modelVersion();
    } catch (IOException e) {
      throw new IllegalArgumentException("model metadata " + meta + " is unreadable: " + e.getMessage(), e);
    }
    if (version == null) {
      throw new IllegalArgumentException("model metadata " + meta + " has no modelVersion");
    }
    return ModelRecord.newBuilder().setName(name).setModelVersion(version)
        .setPublishedAt(Instant.now()).setAction(PUBLISH).setSource(source).setFiles(files).build();
  }

  /** A copy of {@code r} to publish again now, as {@code action}, with another source text. */
  public static ModelRecord republish(ModelRecord r, String action, String source) {
    return ModelRecord.newBuilder(r).setPublishedAt(Instant.now()).setAction(action)
        .setSource(source).build();
  }

  /**
   * Encodes a record for the topic.
   *
   * @throws IllegalArgumentException if it is over {@link ModelTopic#MAX_RECORD_BYTES}
   */
  public static byte[] encode(ModelRecord r) {
    byte[] bytes = ModelRecordCodec.encode(r);
    if (bytes.length > ModelTopic.MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("model record " + r.getName() + "@" + r.getModelVersion()
          + " is " + bytes.length + " bytes, over the models topic limit of "
          + ModelTopic.MAX_RECORD_BYTES);
    }
    return bytes;
  }

  /**
   * Decodes a topic value and checks its files ({@link #verify}).
   *
   * @throws ModelRecordException {@link ModelRejectReason#CORRUPT} if the bytes are not a model
   *     record or a check fails
   */
  public static ModelRecord decode(byte[] value) {
    ModelRecord r;
    try {
      r = ModelRecordCodec.decode(value);
    } catch (MalformedRecordException e) {
      throw new ModelRecordException(ModelRejectReason.CORRUPT, e.getMessage(), e);
    }
    verify(r);
    return r;
  }

  /**
   * Checks a record's files: safe unique names, {@value ModelArtifact#METADATA_FILE} and
   * {@value ModelArtifact#NETWORK_FILE} present, each size and SHA-256 as recorded, and the
   * network's SHA-256 equal to the record's model version.
   *
   * @throws ModelRecordException {@link ModelRejectReason#CORRUPT} naming the first failed check
   */
  public static void verify(ModelRecord r) {
    String what = "model record " + r.getName() + "@" + r.getModelVersion();
    Set<String> names = new HashSet<>();
    String networkHash = null;
    for (ModelFile f : r.getFiles()) {
      if (!FILE_NAME.matcher(f.getName()).matches() || !names.add(f.getName())) {
        throw corrupt(what + " has an unsafe or repeated file name '" + f.getName() + "'");
      }
      byte[] content = bytes(f);
      if (content.length != f.getSize()) {
        throw corrupt(what + ": file " + f.getName() + " has " + content.length
            + " bytes, the record says " + f.getSize());
      }
      String hash = ModelArtifact.sha256(content);
      if (!hash.equals(f.getSha256())) {
        throw corrupt(what + ": file " + f.getName() + " has SHA-256 " + hash.substring(0, 12)
            + "..., the record says " + f.getSha256() + " (corrupted)");
      }
      if (f.getName().equals(ModelArtifact.NETWORK_FILE)) {
        networkHash = hash;
      }
    }
    if (networkHash == null || !names.contains(ModelArtifact.METADATA_FILE)) {
      throw corrupt(what + " lacks " + ModelArtifact.NETWORK_FILE + " or "
          + ModelArtifact.METADATA_FILE);
    }
    if (!networkHash.equals(r.getModelVersion())) {
      throw corrupt(what + ": its " + ModelArtifact.NETWORK_FILE + " has SHA-256 " + networkHash
          + ", not the record's model version");
    }
  }

  /**
   * Verifies a record, writes its files into a sub-directory of {@code cacheRoot} named after
   * its content, and loads that with {@link ModelArtifact#load(Path)}.
   *
   * @param r the record
   * @param cacheRoot a local directory for materialised artifacts (created if missing)
   * @return the loaded model; its directory is under {@code cacheRoot}
   * @throws ModelRecordException {@link ModelRejectReason#CORRUPT} if a check fails, {@link
   *     ModelRejectReason#INVALID} if core's loader rejects the artifact
   * @throws UncheckedIOException if the files cannot be written
   */
  public static LoadedModel load(ModelRecord r, Path cacheRoot) {
    verify(r);
    Path dir = cacheRoot.resolve(contentId(r));
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(cacheRoot);
        // Stage under a hidden name, then move: a reader never sees half an artifact.
        Path staging = cacheRoot.resolve(".staging-" + UUID.randomUUID());
        Files.createDirectory(staging);
        for (ModelFile f : r.getFiles()) {
          Files.write(staging.resolve(f.getName()), bytes(f));
        }
        try {
          Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          deleteTree(staging); // another loader of the same content won the race
        } catch (IOException e) {
          if (!Files.isDirectory(dir)) {
            throw e;
          }
          deleteTree(staging);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model files to " + cacheRoot, e);
    }
    try {
      return ModelArtifact.load(dir);
    } catch (ModelLoadException e) {
      throw new ModelRecordException(ModelRejectReason.INVALID, "model record " + r.getName()
          + "@" + r.getModelVersion() + " is not a valid artifact: " + e.getMessage(), e);
    }
  }

  /**
   * The record's metadata file parsed, for listings.
   *
   * @return the metadata, or null when it is missing or unreadable
   */
  public static ModelMetadata metadata(ModelRecord r) {
    for (ModelFile f : r.getFiles()) {
      if (f.getName().equals(ModelArtifact.METADATA_FILE)) {
        try {
          return ModelArtifact.json().readValue(bytes(f), ModelMetadata.class);
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** Total bytes of the record's files. */
  public static long size(ModelRecord r) {
    return r.getFiles().stream().mapToLong(ModelFile::getSize).sum();
  }

  /** SHA-256 over the files' names and checksums: one id for the exact set of files. */
  static String contentId(ModelRecord r) {
    StringBuilder s = new StringBuilder();
    for (ModelFile f : r.getFiles()) {
      s.append(f.getName()).append('\0').append(f.getSha256()).append('\n');
    }
    return r.getModelVersion().substring(0, Math.min(16, r.getModelVersion().length())) + "-"
        + ModelArtifact.sha256(s.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static byte[] bytes(ModelFile f) {
    ByteBuffer b = f.getContent().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static ModelRecordException corrupt(String message) {
    return new ModelRecordException(ModelRejectReason.CORRUPT, message, null);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
