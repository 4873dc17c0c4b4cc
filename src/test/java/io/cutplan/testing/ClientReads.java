package io.cutplan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Records, in the page, every request the dashboard makes and every field it reads from a server's JSON body, and
 * checks those reads against docs/api/openapi.yaml. Installed before the page loads (a DevTools script that runs
 * first on every new document): it wraps {@code window.fetch}, counts each request, and hands the page each JSON
 * body wrapped in Proxies that note every property read (with its path, e.g. {@code .steps[].ownerTeam.name}).
 * A read of a field the server never sends shows up, wherever in the client it happens (store, derive or a
 * renderer, now or later from the state). Only test code: the product never loads it.
 */
public final class ClientReads {
    private static final String REST = "/rest/cutplan/1.0";
    private static final String SCRIPT = """
            (function () {
              if (window.__cpReads) return;
              var reads = window.__cpReads = {};
              var requests = window.__cpRequests = [];
              var proxies = new WeakMap();
              // Names a program reads on any object without meaning a field (promise resolution, JSON, prototypes).
              var SKIP = { then: 1, toJSON: 1, constructor: 1, valueOf: 1, toString: 1, hasOwnProperty: 1,
                isPrototypeOf: 1, propertyIsEnumerable: 1, toLocaleString: 1, __proto__: 1 };
              function wrap(v, where, path) {
                if (!v || typeof v !== 'object') return v;
                var known = proxies.get(v);
                if (known) return known;
                var p = new Proxy(v, {
                  get: function (t, k, r) {
                    if (typeof k === 'symbol' || SKIP[k]) return Reflect.get(t, k, r);
                    if (Array.isArray(t)) return /^[0-9]+$/.test(k) ? wrap(t[k], where, path + '[]') : Reflect.get(t, k, r);
                    reads[where + ' ' + path + '.' + k] = true;
                    return wrap(t[k], where, path + '.' + k);
                  },
                  has: function (t, k) {
                    if (typeof k !== 'symbol' && !Array.isArray(t)) reads[where + ' ' + path + '.' + k] = true;
                    return k in t;
                  }
                });
                proxies.set(v, p);
                return p;
              }
              var original = window.fetch;
              window.fetch = function (input, init) {
                var method = (init && init.method) || 'GET';
                var url = new URL(String(input), location.href);
                requests.push(method + ' ' + url.pathname + url.search);
                return original.apply(this, arguments).then(function (res) {
                  var json = res.json.bind(res);
                  var where = method + ' ' + url.pathname + ' ' + res.status;
                  res.json = function () { return json().then(function (b) { return wrap(b, where, ''); }); };
                  return res;
                });
              };
            })();
            """;

    private final ChromeDriver browser;
    private final String identifier;

    private ClientReads(ChromeDriver browser, String identifier) {
        this.browser = browser;
        this.identifier = identifier;
    }

    /** From the next navigation on, every document of this browser records its requests and reads. */
    public static ClientReads install(ChromeDriver browser) {
        Map<String, Object> r = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SCRIPT));
        return new ClientReads(browser, String.valueOf(r.get("identifier")));
    }

    /** Later documents load unwrapped again (the browser is shared by every test class). */
    public void uninstall() {
        browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }

    /** "METHOD /path?query" of every request since the last {@link #clearRequests}. */
    @SuppressWarnings("unchecked")
    public List<String> requests() {
        return new ArrayList<>((List<String>) browser.executeScript("return window.__cpRequests.slice()"));
    }

    public void clearRequests() {
        browser.executeScript("window.__cpRequests.length = 0");
    }

    /** "METHOD /rest/path STATUS .json.path" of every field read so far. */
    @SuppressWarnings("unchecked")
    public List<String> recorded() {
        return new ArrayList<>((List<String>) browser.executeScript("return Object.keys(window.__cpReads).sort()"));
    }

    /** The recorded reads that docs/api/openapi.yaml does not define for that request's response. */
    public List<String> undocumented(List<String> recorded) {
        JsonNode spec = spec();
        TreeSet<String> out = new TreeSet<>();
        for (String r : recorded) {
            String[] parts = r.split(" ", 4);
            String method = parts[0].toLowerCase(), path = parts[1], status = parts[2], field = parts[3];
            if (!path.startsWith(REST)) {
                out.add(r + "  (not a REST path)");
                continue;
            }
            JsonNode schema = responseSchema(spec, method, path.substring(REST.length()), status);
            if (schema == null) {
                out.add(r + "  (no documented JSON response)");
                continue;
            }
            String missing = walk(spec, schema, field);
            if (missing != null) {
                out.add(r + "  (no '" + missing + "')");
            }
        }
        return new ArrayList<>(out);
    }

    private static JsonNode spec() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("docs/api/openapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode responseSchema(JsonNode spec, String method, String path, String status) {
        JsonNode best = null;
        int bestLiterals = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String regex = "\\Q" + e.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (Pattern.matches(regex, path) && e.getValue().has(method)) {
                int literals = e.getKey().replaceAll("\\{[^}]+}", "").length();
                if (literals > bestLiterals) {
                    best = e.getValue().path(method);
                    bestLiterals = literals;
                }
            }
        }
        if (best == null) {
            return null;
        }
        JsonNode response = best.path("responses").has(status) ? best.path("responses").path(status) : best.path("responses").path("default");
        response = deref(spec, response);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : schema;
    }

    private static JsonNode deref(JsonNode spec, JsonNode node) {
        while (node.has("$ref")) {
            JsonNode target = spec;
            for (String part : node.path("$ref").asText().replaceFirst("^#/", "").split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    /** Null when the schema defines every step of the field path (".a[].b"), else the first step it lacks. */
    private static String walk(JsonNode spec, JsonNode schema, String field) {
        java.util.regex.Matcher m = Pattern.compile("\\.([^.\\[]+)|(\\[])").matcher(field);
        StringBuilder at = new StringBuilder();
        while (m.find()) {
            schema = flatten(spec, schema);
            if (m.group(2) != null) {
                at.append("[]");
                if (!schema.has("items")) {
                    return at.toString();
                }
                schema = schema.path("items");
                continue;
            }
            String name = m.group(1);
            at.append('.').append(name);
            JsonNode props = schema.path("properties");
            if (props.has(name)) {
                schema = props.path(name);
            } else if (schema.path("additionalProperties").isObject()) {
                schema = schema.path("additionalProperties");
            } else if ("object".equals(schema.path("type").asText()) && !schema.has("properties")
                    && !schema.path("additionalProperties").isBoolean()) {
                // A free-form object (an event's details): any field below it is the document's word.
                return null;
            } else {
                return at.toString();
            }
        }
        return null;
    }

    /**
     * The schema with its {@code $ref} followed and its {@code allOf} members merged into one (the OpenAPI 3.0 way to
     * say "a nullable reference": {@code nullable: true} beside {@code allOf: [$ref]}).
     */
    private static JsonNode flatten(JsonNode spec, JsonNode schema) {
        JsonNode node = deref(spec, schema);
        if (!node.has("allOf")) {
            return node;
        }
        ObjectNode merged = node.deepCopy();
        merged.remove("allOf");
        ObjectNode props = merged.has("properties")
                ? (ObjectNode) merged.get("properties") : merged.putObject("properties");
        for (JsonNode member : node.path("allOf")) {
            JsonNode m = flatten(spec, member);
            m.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
            for (String key : new String[] {"type", "items", "additionalProperties"}) {
                if (!merged.has(key) && m.has(key)) {
                    merged.set(key, m.get(key));
                }
            }
        }
        if (props.isEmpty() && !node.has("properties")) {
            merged.remove("properties");
        }
        return merged;
    }
}
