// A shared flow bundle as the fake Apigee host deploys it (JVM side of the Apigee emulator): read from the zip or the folder, XML parsed.
package fake.apigee;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Files by path inside sharedflowbundle/; the default flow's steps; each policy's root element by name. */
final class Bundle {
    static final class Step {
        final String policy;
        final String condition;

        Step(String policy, String condition) {
            this.policy = policy;
            this.condition = condition;
        }
    }

    final Map<String, String> files = new LinkedHashMap<String, String>();
    final List<Step> steps = new ArrayList<Step>();
    final Map<String, Element> policies = new LinkedHashMap<String, Element>();

    /** path: a .zip holding sharedflowbundle/, or the sharedflowbundle folder itself. overrides: resources/jsc/NAME -> text. */
    static Bundle load(File path, Map<String, Object> overrides) throws Exception {
        Bundle b = new Bundle();
        if (path.isDirectory()) {
            Path root = path.toPath();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    b.files.put(root.relativize(p).toString().replace(File.separatorChar, '/'), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
        } else {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(path.toPath())))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (!e.isDirectory()) {
                        if (!e.getName().startsWith("sharedflowbundle/")) {
                            throw new IOException("zip entry outside sharedflowbundle/: " + e.getName());
                        }
                        b.files.put(e.getName().substring("sharedflowbundle/".length()), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        if (overrides != null) {
            for (Map.Entry<String, Object> o : overrides.entrySet()) {
                if (o.getValue() == null) {
                    b.files.remove("resources/jsc/" + o.getKey());
                } else {
                    b.files.put("resources/jsc/" + o.getKey(), (String) o.getValue());
                }
            }
        }
        String flow = b.files.get("sharedflows/default.xml");
        if (flow == null) {
            throw new IOException("the bundle has no sharedflows/default.xml");
        }
        Element root = parse(flow, "sharedflows/default.xml");
        for (Element step : children(root, "Step")) {
            Element name = child(step, "Name");
            Element condition = child(step, "Condition");
            b.steps.add(new Step(textOf(name), condition == null ? null : textOf(condition)));
        }
        for (Map.Entry<String, String> f : b.files.entrySet()) {
            if (f.getKey().startsWith("policies/") && f.getKey().endsWith(".xml")) {
                Element policy = parse(f.getValue(), f.getKey());
                b.policies.put(policy.getAttribute("name"), policy);
            }
        }
        for (Step s : b.steps) {
            if (!b.policies.containsKey(s.policy)) {
                throw new IOException("step " + s.policy + " has no policies/" + s.policy + ".xml");
            }
        }
        return b;
    }

    /** resources/jsc/NAME for a jsc://NAME URL. */
    String resource(String url) throws IOException {
        if (!url.startsWith("jsc://")) {
            throw new IOException("only jsc:// resources are supported: " + url);
        }
        String text = files.get("resources/jsc/" + url.substring("jsc://".length()));
        if (text == null) {
            throw new IOException("resource not found: " + url);
        }
        return text;
    }

    static Element parse(String xml, String label) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new IOException(label + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<Element>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element && (name == null || ((Element) n).getTagName().equals(name))) {
                out.add((Element) n);
            }
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    static String textOf(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }

    /** The text at a path of child names, or null. */
    static String path(Element e, String... names) {
        Element cur = e;
        for (String n : names) {
            cur = cur == null ? null : child(cur, n);
        }
        return textOf(cur);
    }
}
