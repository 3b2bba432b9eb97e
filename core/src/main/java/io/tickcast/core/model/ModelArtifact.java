package io.tickcast.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tickcast.core.engine.OnnxExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The on-disk model artifact: a directory holding {@value #NETWORK_FILE} (DL4J ModelSerializer
 * zip, without updater state), {@value #METADATA_FILE} ({@link ModelMetadata} as JSON) and, from
 * the trainer, {@value #ONNX_FILE} (the network as an ONNX graph, {@link OnnxExport}; older
 * artifacts lack it and load the same). The model version is the SHA-256 of the network file, so
 * a changed or truncated network is detected on load; the ONNX file's SHA-256 is in the metadata.
 */
public final class ModelArtifact {
  /**
   * Artifact format written by this version. 2: prediction intervals may be scaled by the
   * window's volatility ({@code intervals.scaling}), which a reader of version 1 would take for
   * plain half-widths, so version-1 readers must refuse it; this version reads both.
   */
  public static final int FORMAT_VERSION = 2;
  /** The oldest artifact format this version reads. */
  public static final int OLDEST_FORMAT_VERSION = 1;
  /** The network file name. */
  public static final String NETWORK_FILE = "model.zip";
  /** The metadata file name. */
  public static final String METADATA_FILE = "model.json";
  /** The ONNX export of the network (input {@value OnnxExport#INPUT}, output {@value OnnxExport#OUTPUT}). */
  public static final String ONNX_FILE = "model.onnx";
  /** Windows the exported ONNX file is checked on against DL4J before it is written. */
  static final int ONNX_CHECK_WINDOWS = 16;

  // Unknown properties are ignored so that an older Tickcast loads a model.json written by a
  // newer one (new fields are additive; what this version needs is checked in load).
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ModelArtifact() {}

  /** The JSON mapper used for metadata (ISO-8601 times, indented, unknown properties ignored). */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * Writes a network and its metadata into {@code directory} (created if missing).
   *
   * @param directory target directory
   * @param network the trained network; saved without updater state
   * @param metadata metadata; its {@code modelVersion} is replaced by the network file's hash
   * @return the metadata as written, with the model version set
   * @throws UncheckedIOException if writing fails
   */
  public static ModelMetadata save(Path directory, MultiLayerNetwork network, ModelMetadata metadata) {
    try {
      Files.createDirectories(directory);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ModelSerializer.writeModel(network, bytes, false);
      byte[] zip = bytes.toByteArray();
      ModelMetadata written = metadata.withModelVersion(sha256(zip));
      Files.write(directory.resolve(NETWORK_FILE), zip);
      JSON.writeValue(directory.resolve(METADATA_FILE).toFile(), written);
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model artifact to " + directory, e);
    }
  }

  /**
   * As {@link #save}, and also writes {@value #ONNX_FILE}: the network exported to ONNX, checked
   * against DL4J's outputs first ({@link OnnxExport#verified}, on {@link #onnxCheckWindows}); its
   * SHA-256 goes into the metadata.
   *
   * @throws IllegalArgumentException if the network is not one Tickcast serves
   * @throws IllegalStateException if the ONNX graph's outputs differ from DL4J's beyond {@link
   *     OnnxExport#TOLERANCE} (nothing is written then)
   * @throws UncheckedIOException if writing fails
   */
  public static ModelMetadata saveWithOnnx(
      Path directory, MultiLayerNetwork network, ModelMetadata metadata) {
    byte[] onnx = onnx(network, metadata);
    try {
      Files.createDirectories(directory);
      Files.write(directory.resolve(ONNX_FILE), onnx);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ONNX_FILE + " to " + directory, e);
    }
    return save(directory, network, metadata.withOnnxSha256(sha256(onnx)));
  }

  /**
   * Writes (or rewrites) {@value #ONNX_FILE} for an existing artifact, checked as in {@link
   * #saveWithOnnx}, and records its SHA-256 in {@value #METADATA_FILE} (nothing else changes).
   *
   * @return the ONNX file
   * @throws ModelLoadException if the artifact does not load
   * @throws IllegalArgumentException if the network is not one Tickcast serves
   * @throws IllegalStateException if the ONNX graph's outputs differ from DL4J's
   * @throws UncheckedIOException if writing fails
   */
  public static Path exportOnnx(Path directory) {
    LoadedModel loaded = load(directory);
    byte[] onnx = onnx(loaded.network(), loaded.metadata());
    Path file = directory.resolve(ONNX_FILE);
    try {
      Files.write(file, onnx);
      JSON.writeValue(directory.resolve(METADATA_FILE).toFile(),
          loaded.metadata().withOnnxSha256(sha256(onnx)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private static byte[] onnx(MultiLayerNetwork network, ModelMetadata metadata) {
    String doc = "Tickcast model: input '" + OnnxExport.INPUT + "' float [batch, "
        + metadata.windowLength() + ", " + metadata.features().size() + "] = windows of "
        + metadata.features() + " normalised '" + metadata.normalisation()
        + "' as model.json; output '" + OnnxExport.OUTPUT + "' float [batch, 1] = the normalised"
        + " next " + metadata.target();
    return OnnxExport.verified(network, metadata.features().size(), onnxCheckWindows(metadata), doc);
  }

  /**
   * The windows an export is checked on: {@value #ONNX_CHECK_WINDOWS} random walks (fixed seed)
   * of W steps per feature, kept inside the training data's normalised range where the metadata
   * has an input profile, else inside [-0.2, 0.2].
   */
  static double[][][] onnxCheckWindows(ModelMetadata metadata) {
    int w = metadata.windowLength();
    int f = metadata.features().size();
    InputProfile p = metadata.inputProfile();
    java.util.Random random = new java.util.Random(17);
    double[][][] out = new double[ONNX_CHECK_WINDOWS][w][f];
    for (int c = 0; c < f; c++) {
      double lo = p == null ? -0.2 : p.normalisedMin()[c];
      double hi = p == null ? 0.2 : p.normalisedMax()[c];
      double step = (hi - lo) / Math.sqrt(w);
      for (double[][] window : out) {
        double v = lo + (hi - lo) * random.nextDouble();
        for (double[] row : window) {
          v = Math.max(lo, Math.min(hi, v + step * random.nextGaussian()));
          row[c] = v;
        }
      }
    }
    return out;
  }

  /**
   * Loads and validates an artifact directory.
   *
   * @param directory a directory with {@value #NETWORK_FILE} and {@value #METADATA_FILE}
   * @return the network and its metadata
   * @throws ModelLoadException with a message naming the file and the problem: missing files,
   *     unreadable JSON, unknown format, prediction intervals that do not fit the horizon (a
   *     level outside (0, 1), a wrong number of half-widths, a negative or non-finite one), a
   *     network file whose hash differs from the model version
   *     (truncated or replaced), a file that is not a DL4J network, or a network whose input size
   *     or output does not match the metadata
   */
  public static LoadedModel load(Path directory) {
    Path metaFile = directory.resolve(METADATA_FILE);
    Path netFile = directory.resolve(NETWORK_FILE);
    ModelMetadata meta;
    try {
      meta = JSON.readValue(metaFile.toFile(), ModelMetadata.class);
    } catch (IOException e) {
      if (!Files.exists(metaFile)) {
        throw new ModelLoadException("model metadata " + metaFile + " does not exist"
            + " (expected a model directory written by the trainer)");
      }
      throw new ModelLoadException(
          "model metadata " + metaFile + " is not valid Tickcast metadata JSON: "
              + e.getMessage(), e);
    }
    if (meta.formatVersion() < OLDEST_FORMAT_VERSION || meta.formatVersion() > FORMAT_VERSION) {
      throw new ModelLoadException("model metadata " + metaFile + " has format version "
          + meta.formatVersion() + "; this Tickcast reads versions " + OLDEST_FORMAT_VERSION
          + " to " + FORMAT_VERSION);
    }
    if (meta.features() == null || meta.features().isEmpty() || meta.target() == null
        || meta.modelVersion() == null || meta.normalisation() == null
        || meta.rollForward() == null) {
      throw new ModelLoadException("model metadata " + metaFile
          + " lacks a required field (modelVersion, features, target, normalisation, rollForward)");
    }
    try {
      meta.forecastSpec();
      meta.intervalBands();
    } catch (RuntimeException e) {
      throw new ModelLoadException("model metadata " + metaFile + " is invalid: " + e.getMessage(), e);
    }
    byte[] zip;
    try {
      zip = Files.readAllBytes(netFile);
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("model network file " + netFile + " does not exist");
    } catch (IOException e) {
      throw new ModelLoadException("cannot read model network file " + netFile, e);
    }
    String hash = sha256(zip);
    if (!hash.equals(meta.modelVersion())) {
      throw new ModelLoadException("model network file " + netFile + " does not match its metadata"
          + " (SHA-256 " + hash.substring(0, 12) + "..., metadata says model version "
          + meta.modelVersion() + "): the file is truncated, corrupted or from another model");
    }
    MultiLayerNetwork network;
    try {
      network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
    } catch (Exception | Error e) {
      throw new ModelLoadException(
          "model network file " + netFile + " is not a Deeplearning4j MultiLayerNetwork zip: " + e, e);
    }
    validate(network, meta, netFile);
    checkOnnx(directory, meta);
    return new LoadedModel(directory, network, meta);
  }

  /**
   * The newest artifact (by metadata creation time) among the non-hidden sub-directories of {@code
   * root}, or {@code root} itself when it is an artifact directory.
   *
   * @return empty when none is found
   */
  public static Optional<Path> latest(Path root) {
    if (Files.exists(root.resolve(METADATA_FILE))) {
      return Optional.of(root);
    }
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      // Hidden directories are staging areas of writers that have not finished.
      return dirs.filter(d -> !d.getFileName().toString().startsWith("."))
          .filter(d -> Files.exists(d.resolve(METADATA_FILE)))
          .max((a, b) -> createdAt(a).compareTo(createdAt(b)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list model directory " + root, e);
    }
  }

  private static java.time.Instant createdAt(Path dir) {
    try {
      ModelMetadata m = JSON.readValue(dir.resolve(METADATA_FILE).toFile(), ModelMetadata.class);
      return m.createdAt() == null ? java.time.Instant.EPOCH : m.createdAt();
    } catch (IOException e) {
      return java.time.Instant.EPOCH;
    }
  }

  /** A recorded ONNX file that is present must match its hash; a missing one is no error. */
  private static void checkOnnx(Path directory, ModelMetadata meta) {
    Path onnx = directory.resolve(ONNX_FILE);
    if (meta.onnxSha256() == null || !Files.isRegularFile(onnx)) {
      return;
    }
    String hash;
    try {
      hash = sha256(Files.readAllBytes(onnx));
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + onnx, e);
    }
    if (!hash.equals(meta.onnxSha256())) {
      throw new ModelLoadException("ONNX file " + onnx + " does not match its metadata (SHA-256 "
          + hash.substring(0, 12) + "..., metadata says " + meta.onnxSha256() + "): it is"
          + " truncated, corrupted or from another model; rewrite it with `tickcast model"
          + " export-onnx " + directory + "`");
    }
  }

  private static void validate(MultiLayerNetwork network, ModelMetadata meta, Path netFile) {
    int layers = network.getnLayers();
    if (layers == 0) {
      throw new ModelLoadException("model network file " + netFile + " has no layers");
    }
    Layer first = network.getLayerWiseConfigurations().getConf(0).getLayer();
    Layer last = network.getLayerWiseConfigurations().getConf(layers - 1).getLayer();
    long nIn = inputSize(first);
    int features = meta.features().size();
    if (nIn != features) {
      throw new ModelLoadException("model network file " + netFile + " takes " + nIn
          + " input features but its metadata lists " + features + " " + meta.features());
    }
    if (last instanceof FeedForwardLayer ff && ff.getNOut() != 1) {
      throw new ModelLoadException("model network file " + netFile + " outputs " + ff.getNOut()
          + " values per window; Tickcast needs exactly 1 (the next target value)");
    }
    try {
      var probe = network.output(Nd4j.zeros(network.params().dataType(), 1, features,
          meta.windowLength()), false);
      if (probe.length() != 1) {
        throw new ModelLoadException("model network file " + netFile + " gives " + probe.length()
            + " outputs for one window of " + meta.windowLength() + " steps; expected 1");
      }
    } catch (ModelLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelLoadException("model network file " + netFile
          + " cannot run a window of shape [1, " + features + ", " + meta.windowLength() + "]: "
          + e.getMessage(), e);
    }
  }

  private static long inputSize(Layer layer) {
    if (layer instanceof LastTimeStep lts) {
      return inputSize(lts.getUnderlying());
    }
    if (layer instanceof FeedForwardLayer ff) {
      return ff.getNIn();
    }
    return -1;
  }

  /** SHA-256 of bytes, lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
