package io.cutplan.reliability;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every resource method of the REST API, read by reflection from the standalone host's
 * {@code RestApplication.RESOURCES}: so an endpoint added by anyone is attacked by the hostile-input suite
 * without anybody listing it here.
 */
public final class EndpointCatalog {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    public record Param(String name, Class<?> type) {
    }

    public record Endpoint(String httpMethod, String path, Method method, List<Param> pathParams,
                           List<Param> queryParams, Optional<Type> bodyType, List<String> consumes) {
        public boolean mutating() {
            return MUTATING.contains(httpMethod);
        }

        public String key() {
            return httpMethod + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private EndpointCatalog() {
    }

    /** The resource classes the standalone host registers (a package-private list, hence reflection). */
    @SuppressWarnings("unchecked")
    public static List<Class<?>> resourceClasses() {
        try {
            Class<?> app = Class.forName("io.cutplan.host.standalone.RestApplication");
            var field = app.getDeclaredField("RESOURCES");
            field.setAccessible(true);
            return (List<Class<?>>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read RestApplication.RESOURCES", e);
        }
    }

    public static List<Endpoint> all() {
        List<Endpoint> out = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            collect(resource, pathOf(resource), out);
        }
        out.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::httpMethod));
        return out;
    }

    private static void collect(Class<?> resource, String base, List<Endpoint> out) {
        for (Method m : resource.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String http = httpMethod(m);
            Path sub = m.getAnnotation(Path.class);
            String path = join(base, sub == null ? "" : sub.value());
            if (http == null) {
                if (sub != null && m.getReturnType() != void.class) {
                    // A sub-resource locator: its class's methods live under this path.
                    collect(m.getReturnType(), path, out);
                }
                continue;
            }
            List<Param> pathParams = new ArrayList<>();
            List<Param> queryParams = new ArrayList<>();
            Type body = null;
            for (Parameter p : m.getParameters()) {
                PathParam pp = p.getAnnotation(PathParam.class);
                QueryParam qp = p.getAnnotation(QueryParam.class);
                if (pp != null) {
                    pathParams.add(new Param(pp.value(), p.getType()));
                } else if (qp != null) {
                    queryParams.add(new Param(qp.value(), p.getType()));
                } else if (!hasAny(p, Context.class, HeaderParam.class, BeanParam.class, CookieParam.class,
                        FormParam.class, MatrixParam.class)) {
                    body = p.getParameterizedType();
                }
            }
            jakarta.ws.rs.Consumes consumes = m.getAnnotation(jakarta.ws.rs.Consumes.class);
            if (consumes == null) {
                consumes = resource.getAnnotation(jakarta.ws.rs.Consumes.class);
            }
            out.add(new Endpoint(http, path, m, pathParams, queryParams, Optional.ofNullable(body),
                    consumes == null ? List.of() : List.of(consumes.value())));
        }
    }

    private static boolean hasAny(Parameter p, Class<?>... annotations) {
        for (Class<?> a : annotations) {
            if (p.isAnnotationPresent(a.asSubclass(Annotation.class))) {
                return true;
            }
        }
        return false;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value();
            }
        }
        return null;
    }

    private static String pathOf(Class<?> c) {
        Path p = c.getAnnotation(Path.class);
        return p == null ? "" : p.value();
    }

    /** Joins path segments and strips regular expressions from templates: {@code {id: [0-9]+}} becomes {@code {id}}. */
    static String join(String a, String b) {
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
    }
}
