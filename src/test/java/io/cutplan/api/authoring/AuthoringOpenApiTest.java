package io.cutplan.api.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every authoring resource method is described in docs/api/openapi.yaml (path template and HTTP method). */
class AuthoringOpenApiTest {
    private static final List<Class<?>> RESOURCES = List.of(PlanResource.class, PlanStepResource.class,
            PlanTaskResource.class, PlanControlResource.class, PlanDependencyResource.class, TeamResource.class, UserResource.class,
            MigrationResource.class, PlanImportResource.class, PlanExportResource.class);

    @Test
    void everyAuthoringResourceMethodIsDocumented() throws Exception {
        Map<String, Set<String>> documented = documented(Files.readString(java.nio.file.Path.of("docs/api/openapi.yaml")));
        List<String> missing = new ArrayList<>();
        int methods = 0;
        for (Class<?> resource : RESOURCES) {
            String root = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : m.isAnnotationPresent(PUT.class) ? "put" : m.isAnnotationPresent(DELETE.class) ? "delete" : null;
                if (verb == null) {
                    continue;
                }
                methods++;
                Path sub = m.getAnnotation(Path.class);
                String path = join(root, sub == null ? "" : sub.value());
                if (!documented.getOrDefault(path, Set.of()).contains(verb)) {
                    missing.add(verb.toUpperCase() + " " + path + " (" + resource.getSimpleName() + "." + m.getName() + ")");
                }
            }
        }
        assertThat(methods).isGreaterThan(50);
        assertThat(missing).as("resource methods missing from docs/api/openapi.yaml").isEmpty();
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Map<String, Set<String>> documented(String yaml) {
        Map<String, Set<String>> out = new HashMap<>();
        Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
        Pattern verbLine = Pattern.compile("^    (get|post|put|delete|patch):");
        String current = null;
        for (String line : yaml.split("\n")) {
            Matcher p = pathLine.matcher(line);
            if (p.matches()) {
                current = p.group(1);
                out.put(current, new HashSet<>());
                continue;
            }
            if (!line.startsWith("  ") && !line.isBlank()) {
                current = null;
            }
            Matcher v = verbLine.matcher(line);
            if (current != null && v.find()) {
                out.get(current).add(v.group(1));
            }
        }
        return out;
    }
}
