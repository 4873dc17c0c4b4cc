package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every resource method of the REST application (RestApplication.RESOURCES) must be described in docs/api/openapi.yaml. */
class OpenApiCoverageTest {
    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "get", POST.class, "post",
            PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch", HEAD.class, "head", OPTIONS.class, "options");

    @Test
    void everyResourceMethodIsDocumented() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(java.nio.file.Path.of("docs/api/openapi.yaml")));
        assertThat(spec.path("openapi").asText()).startsWith("3.0");
        TreeSet<String> documented = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.containsValue(m)) {
                documented.add(m.toUpperCase() + " " + normalise(p.getKey()));
            }
        }));
        TreeSet<String> implemented = new TreeSet<>();
        for (Class<?> resource : resources()) {
            String root = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                for (var e : METHODS.entrySet()) {
                    if (m.isAnnotationPresent(e.getKey())) {
                        Path sub = m.getAnnotation(Path.class);
                        implemented.add(e.getValue().toUpperCase() + " " + normalise(root + (sub == null ? "" : "/" + sub.value())));
                    }
                }
            }
        }
        assertThat(implemented).isNotEmpty();
        assertThat(documented).as("resource methods missing from docs/api/openapi.yaml").containsAll(implemented);
    }

    /** Path templates compared by shape: slashes collapsed, parameter names ignored. */
    private static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]+}", "{}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<?>> resources() throws Exception {
        Class<?> app = Class.forName("io.cutplan.host.standalone.RestApplication");
        Field f = app.getDeclaredField("RESOURCES");
        f.setAccessible(true);
        return new ArrayList<>((List<Class<?>>) f.get(null));
    }
}
