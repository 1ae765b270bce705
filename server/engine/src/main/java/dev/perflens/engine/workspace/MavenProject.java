package dev.perflens.engine.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a Maven build declares about its sources, read from {@code pom.xml} and its modules
 * (recursively): each module's {@code sourceDirectory} and {@code testSourceDirectory} (the
 * conventional {@code src/main/java} and {@code src/test/java} when absent) and the folders under
 * {@code target/generated-sources} and {@code target/generated-test-sources} that exist. Only
 * {@code ${basedir}} and {@code ${project.basedir}} are interpolated; a pom that cannot be read is
 * skipped with a log line.
 *
 * @param poms                 every pom read, the root's first
 * @param sourceRoots          the source folders that exist, in module order
 * @param declaresDependencies whether any pom has dependencies or a parent (else its classpath is empty
 *                             and Maven need not run)
 */
public record MavenProject(Path root, List<Path> poms, List<Path> sourceRoots, boolean declaresDependencies) {
    private static final Logger LOG = Logger.getLogger(MavenProject.class.getName());
    public static final String POM = "pom.xml";

    public MavenProject {
        poms = List.copyOf(poms);
        sourceRoots = List.copyOf(sourceRoots);
    }

    public static boolean isMaven(Path folder) {
        return Files.isRegularFile(folder.resolve(POM));
    }

    /** Reads {@code folder/pom.xml} and its modules; a folder without a pom has none of either. */
    public static MavenProject read(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Set<Path> poms = new LinkedHashSet<>();
        Set<Path> sources = new LinkedHashSet<>();
        boolean[] dependencies = {false};
        readModule(root, poms, sources, dependencies);
        return new MavenProject(root, new ArrayList<>(poms), new ArrayList<>(sources), dependencies[0]);
    }

    private static void readModule(Path moduleDir, Set<Path> poms, Set<Path> sources, boolean[] dependencies) {
        Path pom = moduleDir.resolve(POM).normalize();
        if (!Files.isRegularFile(pom) || !poms.add(pom)) {
            return;
        }
        Element project;
        try {
            project = parse(pom);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            LOG.warning("cannot read " + pom + ": " + e.getMessage());
            return;
        }
        // a module of the project may still depend on its siblings: any <dependencies> or <parent> counts
        dependencies[0] |= project.getElementsByTagName("dependency").getLength() > 0 || child(project, "parent") != null;
        Element build = child(project, "build");
        addIfDirectory(sources, moduleDir, text(build, "sourceDirectory", "src/main/java"));
        addIfDirectory(sources, moduleDir, text(build, "testSourceDirectory", "src/test/java"));
        for (String generated : List.of("target/generated-sources", "target/generated-test-sources")) {
            try (var children = Files.list(moduleDir.resolve(generated))) {
                children.filter(Files::isDirectory).sorted().forEach(sources::add);
            } catch (IOException e) {
                // no generated sources (not built yet): nothing to add
            }
        }
        List<Element> moduleLists = new ArrayList<>();
        moduleLists.add(child(project, "modules"));
        Element profiles = child(project, "profiles");
        for (Element profile : children(profiles, "profile")) {
            moduleLists.add(child(profile, "modules"));
        }
        for (Element modules : moduleLists) {
            for (Element module : children(modules, "module")) {
                String name = module.getTextContent().trim();
                if (!name.isEmpty()) {
                    Path target = moduleDir.resolve(name).normalize();
                    readModule(target.getFileName() != null && target.getFileName().toString().endsWith(".xml")
                            ? target.getParent() : target, poms, sources, dependencies);
                }
            }
        }
    }

    private static Element parse(Path pom) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(pom.toFile()).getDocumentElement();
    }

    private static void addIfDirectory(Set<Path> sources, Path moduleDir, String declared) {
        String path = declared.replace("${project.basedir}", moduleDir.toString()).replace("${basedir}", moduleDir.toString());
        if (path.contains("${")) {
            LOG.info("source folder with an unresolved property ignored: " + declared);
            return;
        }
        Path folder = moduleDir.resolve(path).normalize();
        if (Files.isDirectory(folder)) {
            sources.add(folder);
        }
    }

    private static String text(Element parent, String name, String fallback) {
        Element element = child(parent, name);
        String value = element == null ? "" : element.getTextContent().trim();
        return value.isEmpty() ? fallback : value;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                found.add(element);
            }
        }
        return found;
    }
}
