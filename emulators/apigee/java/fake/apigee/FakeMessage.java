// One HTTP message of the fake Apigee host (JVM side of the Apigee emulator): header lines, start line, status.
package fake.apigee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header lines are kept as received; a name is looked up without regard to case. Apigee's flow
 * variables split values on commas: header.NAME is the first part, header.NAME.values the parts,
 * header.NAME.values.string the whole value (repeated lines joined with ", ").
 */
final class FakeMessage {
    String verb = "GET";
    String uri = "/";
    String version = "1.1";
    int status;
    String reason;
    String content;
    private final List<String[]> lines = new ArrayList<String[]>();

    void addHeader(String name, String value) {
        lines.add(new String[] {name, value});
    }

    void setHeader(String name, String value) {
        lines.removeIf(l -> l[0].equalsIgnoreCase(name));
        addHeader(name, value);
    }

    /** The distinct names, first spelling kept, as a java.util.Set (what request.headers.names is). */
    Set<String> names() {
        Map<String, String> seen = new LinkedHashMap<String, String>();
        for (String[] l : lines) {
            seen.putIfAbsent(l[0].toLowerCase(Locale.ROOT), l[0]);
        }
        return new LinkedHashSet<String>(seen.values());
    }

    /** Every line of the name joined with ", ", or null when there is none. */
    String joined(String name) {
        StringBuilder b = null;
        for (String[] l : lines) {
            if (l[0].equalsIgnoreCase(name)) {
                b = b == null ? new StringBuilder(l[1]) : b.append(", ").append(l[1]);
            }
        }
        return b == null ? null : b.toString();
    }

    /** Apigee's comma split of the joined value, each part trimmed. */
    List<String> parts(String name) {
        String all = joined(name);
        List<String> out = new ArrayList<String>();
        if (all == null) {
            return out;
        }
        for (String p : all.split(",")) {
            out.add(p.trim());
        }
        return out;
    }

    List<Object> headerPairs() {
        List<Object> out = new ArrayList<Object>();
        for (String[] l : lines) {
            List<Object> pair = new ArrayList<Object>();
            pair.add(l[0]);
            pair.add(l[1]);
            out.add(pair);
        }
        return out;
    }

    String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    String queryString() {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }

    /** The value of a `<message>.<rest>` flow variable, or NOT_MINE when rest is not a message variable. */
    Object variable(String rest, boolean isRequest) {
        if (rest.equals("headers.names")) {
            return names();
        }
        if (rest.equals("headers.count")) {
            return Integer.valueOf(lines.size());
        }
        if (rest.startsWith("header.")) {
            return header(rest.substring("header.".length()));
        }
        if (isRequest) {
            switch (rest) {
                case "verb": return verb;
                case "uri": return uri;
                case "path": return path();
                case "querystring": return queryString();
                case "version": return version;
                case "content": return content;
                default: return NOT_MINE;
            }
        }
        switch (rest) {
            case "status.code": return status == 0 ? null : Integer.valueOf(status);
            case "reason.phrase": return reason;
            case "version": return version;
            case "content": return content;
            default: return NOT_MINE;
        }
    }

    static final Object NOT_MINE = new Object();

    private Object header(String spec) {
        for (String suffix : new String[] {".values.string", ".values.count", ".values"}) {
            if (spec.endsWith(suffix)) {
                String name = spec.substring(0, spec.length() - suffix.length());
                if (joined(name) == null) {
                    return null;
                }
                if (suffix.equals(".values.string")) {
                    return joined(name);
                }
                return suffix.equals(".values.count") ? (Object) Integer.valueOf(parts(name).size()) : (Object) parts(name);
            }
        }
        int dot = spec.lastIndexOf('.');
        if (dot > 0 && spec.substring(dot + 1).matches("\\d+") && joined(spec.substring(0, dot)) != null) {
            List<String> p = parts(spec.substring(0, dot));
            int n = Integer.parseInt(spec.substring(dot + 1));
            return n >= 1 && n <= p.size() ? p.get(n - 1) : null;
        }
        List<String> p = parts(spec);
        return p.isEmpty() ? null : p.get(0);
    }
}
