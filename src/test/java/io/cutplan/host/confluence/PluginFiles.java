package io.cutplan.host.confluence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the plugin's hand-written files: descriptor, Spring context, scanner index files. */
public final class PluginFiles {
    public static final Path DESCRIPTOR = Path.of("atlassian-plugin.xml");
    public static final Path RESOURCES = Path.of("src/confluence/resources");
    public static final Path SPRING_CONTEXT = RESOURCES.resolve("META-INF/spring/cutplan-context.xml");
    public static final Path INDEXES = RESOURCES.resolve("META-INF/plugin-components");

    private PluginFiles() {
    }

    public static Document xml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return xml(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Document xml(InputStream in) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(in);
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage(), e);
        }
    }

    public static List<Element> elements(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Lines of an index file exactly as the scanner's runtime reads them (it strips nothing). */
    public static List<String> index(String name) {
        try {
            return Files.readAllLines(INDEXES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
