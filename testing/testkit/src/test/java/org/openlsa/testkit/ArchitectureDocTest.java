package org.openlsa.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md describes every module of the build and what each requires; this keeps it true. The module
 * table must list exactly the reactor's modules (the root pom's and those of the folders it aggregates, such as
 * testing/), and for each module with a module-info the "requires" column must name exactly the OpenLSA modules its
 * {@code requires} clauses name, so that {@code grep -n requires} shows the layering the document describes.
 */
class ArchitectureDocTest {
    private static final Pattern MODULE_ELEMENT = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern MODULE_DECLARATION = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");
    private static final Pattern REQUIRES = Pattern.compile(
            "(?m)^\\s*requires\\s+(?:transitive\\s+|static\\s+)*(org\\.openlsa\\.[\\w.]+)\\s*;");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\|\\s*`([\\w-]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*");

    private static Path root;
    /** Module directory (relative to the root) by its last path element, as the document names modules. */
    private static Map<String, Path> reactor;
    /** The document's rows: module name to its "requires" cell. */
    private static Map<String, String> documented;

    @BeforeAll
    static void read() throws IOException {
        root = repositoryRoot();
        reactor = new TreeMap<>();
        collectModules(root, Path.of(""));
        documented = new LinkedHashMap<>();
        Matcher m = TABLE_ROW.matcher(Files.readString(root.resolve("docs/architecture.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(3).trim());
        }
    }

    @Test
    void theModuleTableListsExactlyTheReactorsModules() {
        assertFalse(reactor.isEmpty(), "no modules found under " + root);
        assertEquals(new TreeSet<>(reactor.keySet()), new TreeSet<>(documented.keySet()),
                "docs/architecture.md's module table against the build's modules");
    }

    @Test
    void eachModulesRequiresAreWhatTheTableSays() throws IOException {
        Map<String, String> jpmsToDirectory = new TreeMap<>();
        Map<String, Path> moduleInfos = new TreeMap<>();
        for (var e : reactor.entrySet()) {
            Path info = root.resolve(e.getValue()).resolve("src/main/java/module-info.java");
            if (Files.exists(info)) {
                Matcher m = MODULE_DECLARATION.matcher(Files.readString(info));
                assertTrue(m.find(), "no module declaration in " + info);
                jpmsToDirectory.put(m.group(1), e.getKey());
                moduleInfos.put(e.getKey(), info);
            }
        }
        assertTrue(moduleInfos.size() >= 10, "module-info files found: " + moduleInfos.keySet());
        List<String> wrong = new ArrayList<>();
        for (var e : moduleInfos.entrySet()) {
            Set<String> required = new TreeSet<>();
            Matcher m = REQUIRES.matcher(Files.readString(e.getValue()));
            while (m.find()) {
                String directory = jpmsToDirectory.get(m.group(1));
                assertTrue(directory != null, e.getValue() + " requires " + m.group(1) + ", which no module declares");
                required.add(directory);
            }
            Set<String> said = namesIn(Optional.ofNullable(documented.get(e.getKey())).orElse(""));
            if (!said.equals(required)) {
                wrong.add(e.getKey() + ": module-info requires " + required + ", the table says " + said);
            }
        }
        assertEquals(List.of(), wrong, "docs/architecture.md's requires column");
    }

    /**
     * The picture's rows are layers: a product module requires only modules of its own row or of rows below it. The
     * one exception the document states: authentication packages implement the engine's SPI and so require it.
     */
    @Test
    void everyRequiresPointsDownThePicture() throws IOException {
        Map<String, Integer> layer = layers(Files.readString(root.resolve("docs/architecture.md")));
        assertTrue(layer.keySet().containsAll(List.of("cli", "engine", "msv1_0", "kerberos", "core")), "rows: " + layer);
        Map<String, String> jpmsToDirectory = new TreeMap<>();
        Map<String, String> infos = new TreeMap<>();
        for (var e : reactor.entrySet()) {
            Path info = root.resolve(e.getValue()).resolve("src/main/java/module-info.java");
            if (Files.exists(info) && layer.containsKey(e.getKey())) {
                String text = Files.readString(info);
                Matcher m = MODULE_DECLARATION.matcher(text);
                assertTrue(m.find(), "no module declaration in " + info);
                jpmsToDirectory.put(m.group(1), e.getKey());
                infos.put(e.getKey(), text);
            }
        }
        List<String> upward = new ArrayList<>();
        for (var e : infos.entrySet()) {
            Matcher m = REQUIRES.matcher(e.getValue());
            while (m.find()) {
                String target = jpmsToDirectory.get(m.group(1));
                boolean packageOnEngine = PACKAGES.contains(e.getKey()) && "engine".equals(target);
                if (target != null && layer.get(target) < layer.get(e.getKey()) && !packageOnEngine) {
                    upward.add(e.getKey() + " requires " + target);
                }
            }
        }
        assertEquals(List.of(), upward, "requires that point up the picture in docs/architecture.md");
    }

    /** The authentication packages: the row of the picture that implements the engine's SPI. */
    private static final Set<String> PACKAGES = Set.of("msv1_0", "kerberos");

    /**
     * The picture: a fenced block whose lines are "label  modules  description"; a module's layer is its row's index
     * (0 at the top). Lines that start with a space continue the row above; the testing/ row is not a layer.
     */
    static Map<String, Integer> layers(String doc) {
        int start = doc.indexOf("```\n");
        int end = doc.indexOf("```", start + 4);
        assertTrue(start >= 0 && end > start, "no picture in docs/architecture.md");
        Map<String, Integer> layer = new TreeMap<>();
        int row = 0;
        for (String line : doc.substring(start + 4, end).split("\n")) {
            if (line.isBlank() || line.startsWith(" ") || line.startsWith("testing/")) {
                continue;
            }
            String[] columns = line.trim().split("\\s{2,}");
            if (columns.length >= 2) {
                Matcher m = NAME.matcher("");
                for (String token : columns[1].split("[^a-z0-9_-]+")) {
                    if (m.reset(token).matches()) {
                        layer.put(token, row);
                    }
                }
                row++;
            }
        }
        return layer;
    }

    @Test
    void namesAreReadFromACellWithoutItsRemarks() {
        assertEquals(Set.of(), namesIn("— (Bouncy Castle)"));
        assertEquals(Set.of("engine", "krb5-files"), namesIn("engine, krb5-files (JUnit)"));
        assertEquals(Set.of("sam", "kdc-client"), namesIn("`sam`, `kdc-client`"));
    }

    /** The module names of a "requires" cell: comma-separated, remarks in parentheses and dashes left out. */
    static Set<String> namesIn(String cell) {
        Set<String> names = new TreeSet<>();
        String plain = cell.replaceAll("\\([^)]*\\)", "").replace("`", "");
        for (String part : plain.split(",")) {
            String name = part.trim();
            if (NAME.matcher(name).matches()) {
                names.add(name);
            }
        }
        return names;
    }

    private static void collectModules(Path root, Path relative) throws IOException {
        Path pom = root.resolve(relative).resolve("pom.xml");
        String text = Files.readString(pom);
        Matcher m = MODULE_ELEMENT.matcher(text);
        while (m.find()) {
            Path child = relative.resolve(m.group(1)).normalize();
            Path childPom = root.resolve(child).resolve("pom.xml");
            assertTrue(Files.exists(childPom), pom + " names module " + m.group(1) + " without a pom.xml");
            if (Files.readString(childPom).contains("<modules>")) {
                collectModules(root, child); // an aggregating folder such as testing/
            } else {
                Path previous = reactor.put(child.getFileName().toString(), child);
                assertTrue(previous == null || previous.equals(child), "two modules named " + child.getFileName());
            }
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/architecture.md")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the OpenLSA repository: " + Path.of("").toAbsolutePath());
    }
}
