package io.tickcast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The release archive as its assembly descriptor ({@code dist/src/assembly/tickcast.xml}) and the
 * Dockerfiles define it, read without building it: which checkout file lands at a path of the
 * archive, and where a Dockerfile unpacks the archive in its image.
 */
public final class ReleaseArchive {
  /** The dist module, which builds the archive. */
  public static final String MODULE = "dist";
  private static final Path DESCRIPTOR = Path.of("dist/src/assembly/tickcast.xml");
  private static final Pattern UNTAR = Pattern.compile(
      "tar xzf (\\S+) -C (\\S+) --strip-components=1");

  private ReleaseArchive() {}

  /**
   * One {@code <fileSet>} of the descriptor.
   *
   * @param directory the source directory relative to the checkout root, or empty for one the
   *     build generates (under {@code target/})
   * @param outputDirectory where its files go in the archive
   * @param includes include globs (empty: everything)
   */
  public record FileSet(Optional<Path> directory, String outputDirectory, List<String> includes) {
    boolean includes(String name) {
      return includes.isEmpty() || includes.stream().anyMatch(
          glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(name)));
    }
  }

  /** The descriptor's file sets, in order. */
  public static List<FileSet> fileSets() {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      doc = factory.newDocumentBuilder().parse(Repo.root().resolve(DESCRIPTOR).toFile());
    } catch (Exception e) {
      throw new AssertionError("cannot read " + DESCRIPTOR + ": " + e, e);
    }
    List<FileSet> sets = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagNameNS("*", "fileSet");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element set = (Element) nodes.item(i);
      String dir = text(set, "directory");
      Optional<Path> source = dir.startsWith("${project.build.directory}") ? Optional.empty()
          : Optional.of(Path.of(MODULE).resolve(dir).normalize());
      List<String> includes = new ArrayList<>();
      NodeList inc = set.getElementsByTagNameNS("*", "include");
      for (int j = 0; j < inc.getLength(); j++) {
        includes.add(inc.item(j).getTextContent().trim());
      }
      sets.add(new FileSet(source, text(set, "outputDirectory"), includes));
    }
    return sets;
  }

  /**
   * The checkout file that the descriptor puts at a path of the unpacked archive.
   *
   * @param archivePath relative to the archive's root directory, e.g. {@code config/sp500.json}
   * @return the file in the checkout, or empty if no file set of the checkout provides it
   */
  public static Optional<Path> source(String archivePath) {
    Path wanted = Path.of(archivePath);
    for (FileSet set : fileSets()) {
      if (set.directory().isEmpty() || wanted.getParent() == null
          || !wanted.getParent().equals(Path.of(set.outputDirectory()))
          || !set.includes(wanted.getFileName().toString())) {
        continue;
      }
      Path file = Repo.root().resolve(set.directory().get()).resolve(wanted.getFileName());
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** Every checkout file the descriptor packs (relative to the checkout root). */
  public static List<Path> sourceFiles() {
    List<Path> files = new ArrayList<>();
    for (FileSet set : fileSets()) {
      if (set.directory().isEmpty()) {
        continue;
      }
      try (Stream<Path> list = Files.list(Repo.root().resolve(set.directory().get()))) {
        list.filter(Files::isRegularFile).filter(f -> set.includes(f.getFileName().toString()))
            .forEach(f -> files.add(Repo.root().relativize(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /**
   * The archive's file name as a glob, from the dist pom's {@code archive.name} and the
   * descriptor's format, e.g. {@code tickcast-*.tar.gz}.
   */
  public static String fileGlob() {
    Matcher name = Pattern.compile("<archive\\.name>([^<]+)</archive\\.name>")
        .matcher(Repo.read(Repo.root().resolve(MODULE).resolve("pom.xml")));
    if (!name.find()) {
      throw new AssertionError("dist/pom.xml has no archive.name property");
    }
    String format = Repo.read(Repo.root().resolve(DESCRIPTOR)).replaceAll("(?s).*<format>([^<]+)</format>.*", "$1");
    return name.group(1).replace("${project.version}", "*") + "." + format;
  }

  /**
   * Where a Dockerfile's image holds the unpacked archive: the build stage untars the archive
   * the dist module built ({@code tar xzf dist/target/<archive> -C DIR --strip-components=1}) and
   * the runtime stage copies {@code DIR} with {@code COPY --from=build}.
   *
   * @return the directory in the image, e.g. {@code /app}
   * @throws AssertionError if the Dockerfile does not do both
   */
  public static Path imageRoot(String dockerfile) {
    Matcher untar = UNTAR.matcher(dockerfile);
    if (!untar.find()) {
      throw new AssertionError("no `tar xzf ARCHIVE -C DIR --strip-components=1` in the build stage");
    }
    String built = MODULE + "/target/" + fileGlob();
    if (!untar.group(1).equals(built)) {
      throw new AssertionError("unpacks " + untar.group(1) + ", not the archive " + built);
    }
    String dir = untar.group(2).replaceAll("/$", "");
    Matcher copy = Pattern.compile("^COPY --from=build " + Pattern.quote(dir) + "/?\\s+(\\S+)$",
        Pattern.MULTILINE).matcher(dockerfile);
    if (!copy.find()) {
      throw new AssertionError("the runtime stage does not COPY --from=build " + dir);
    }
    return Path.of(copy.group(1));
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS("*", tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
