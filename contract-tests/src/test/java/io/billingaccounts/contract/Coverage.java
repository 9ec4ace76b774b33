package io.billingaccounts.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * Which documented operation and response code the tests have seen, to name the ones no test exercises. The tests
 * run in several JVMs (surefire's forks), so each writes what it saw first into the run's directory
 * ({@code coverage.dir}, one per build), and the gate, run after them all, reads every JVM's file.
 */
final class Coverage {

    private static final OpenAPI SPEC = new OpenAPIV3Parser().read(RepoPaths.spec().toString());
    private static final Map<Pattern, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Path RUN = Path.of(System.getProperty("coverage.dir", "target/coverage/this-jvm"));
    private static final Path SEEN_HERE = RUN.resolve(ProcessHandle.current().pid() + ".txt");

    static {
        SPEC.getPaths().keySet().forEach(template -> TEMPLATES.put(
                Pattern.compile("^" + template.replaceAll("\\{[^}]+}", "[^/]+") + "$"), template));
    }

    private Coverage() {
    }

    static void record(String method, String path, int status) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        TEMPLATES.forEach((pattern, template) -> {
            String key = key(method, template, status);
            if (pattern.matcher(pathOnly).matches() && SEEN.add(key)) {
                write(key);
            }
        });
    }

    private static synchronized void write(String key) {
        try {
            Files.createDirectories(RUN);
            Files.writeString(SEEN_HERE, key + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What every JVM of this run has seen. */
    private static Set<String> seenInThisRun() throws IOException {
        Set<String> seen = new TreeSet<>(SEEN);
        if (Files.isDirectory(RUN)) {
            try (Stream<Path> files = Files.list(RUN)) {
                for (Path file : files.toList()) {
                    seen.addAll(Files.readAllLines(file));
                }
            }
        }
        return seen;
    }

    /** Every documented "METHOD template status" that no test of this run has seen. */
    static Set<String> missing() throws IOException {
        Set<String> seen = seenInThisRun();
        Set<String> missing = new TreeSet<>();
        SPEC.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                operation.getResponses().keySet().forEach(status -> {
                    String key = key(method.name(), template, Integer.parseInt(status));
                    if (!seen.contains(key)) {
                        missing.add(key + " (" + operation.getOperationId() + ")");
                    }
                })));
        return missing;
    }

    private static String key(String method, String template, int status) {
        return method.toUpperCase() + " " + template + " " + status;
    }

    static PathItem item(String template) {
        return SPEC.getPaths().get(template);
    }
}
