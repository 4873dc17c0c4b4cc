package io.cutplan.host.confluence.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The code is written against JAX-RS 3.1 and the 9.2 jar is a rewrite to javax.*: a 3.1-only member would compile
 * and transform fine but fail with NoSuchMethodError inside Confluence 9.2. Every JAX-RS member each jar's classes
 * use must exist in its Confluence's API version (javax.ws.rs-api 2.1.1 and jakarta.ws.rs-api 3.1.0 are on the
 * test class path).
 */
class ApiCompatibilityTest {

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void everyJaxRsMemberUsedExistsInThatConfluencesApi(PluginJar.Target target) {
        String prefix = target.ee + "/ws/rs/";
        TreeSet<String> missing = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<String, byte[]> e : PluginJar.of(target).entries.entrySet()) {
            if (!e.getKey().startsWith("io/cutplan/") || !e.getKey().endsWith(".class")) {
                continue;
            }
            for (ClassFile.MemberRef ref : ClassFile.parse(e.getValue()).members()) {
                if (ref.owner().startsWith(prefix)) {
                    checked++;
                    if (!exists(ref)) {
                        missing.add(ref.owner() + "." + ref.name() + ref.descriptor() + " (used by " + e.getKey() + ")");
                    }
                }
            }
        }
        assertThat(checked).as("JAX-RS members used").isGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    private static boolean exists(ClassFile.MemberRef ref) {
        Class<?> owner;
        try {
            owner = Class.forName(ref.owner().replace('/', '.'), false, ApiCompatibilityTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (ref.name().equals("<init>")) {
            for (Constructor<?> c : owner.getDeclaredConstructors()) {
                if (descriptor(c.getParameterTypes(), void.class).equals(ref.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Class<?> c : hierarchy(owner)) {
            if (ref.field()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(ref.name()) && type(f.getType()).equals(ref.descriptor())) {
                        return true;
                    }
                }
            } else {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(ref.name()) && descriptor(m.getParameterTypes(), m.getReturnType()).equals(ref.descriptor())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Class<?>> hierarchy(Class<?> start) {
        List<Class<?>> out = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c == null || out.contains(c)) {
                continue;
            }
            out.add(c);
            todo.add(c.getSuperclass() == null ? Object.class : c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return out;
    }

    private static String descriptor(Class<?>[] params, Class<?> ret) {
        StringBuilder b = new StringBuilder("(");
        for (Class<?> p : params) {
            b.append(type(p));
        }
        return b.append(')').append(type(ret)).toString();
    }

    private static String type(Class<?> c) {
        if (c.isArray()) {
            return "[" + type(c.getComponentType());
        }
        if (c.isPrimitive()) {
            return switch (c.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                default -> "D";
            };
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }
}
