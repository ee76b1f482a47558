// Fake of Akana's transport header set (JVM side of the Rhino test harness): case-insensitive, add replaces.
package com.soa.message.script;

import com.digev.fw.exception.GException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Akana documents no constructor; the public no-arg one exists so the fake host can build header sets
 * (scripts get them from Message.getTransportHeaders()/createTransportHeaders()).
 */
public class Headers {
    // Keyed by lower-case name: every documented lookup is case-insensitive.
    private final Map<String, Header> byName = new LinkedHashMap<String, Header>();

    public Headers() {
    }

    /** Case-insensitive; null when absent. */
    public Header get(String name) {
        return name == null ? null : byName.get(key(name));
    }

    /** Same lookup; the fake does not parse dates on read. */
    public Header getDate(String name) {
        return get(name);
    }

    /** A copy: changes to the array do not write through. */
    public Header[] getArray() {
        return byName.values().toArray(new Header[0]);
    }

    /** Adds a header, REPLACING any header of the same name (case-insensitive). */
    public void add(String name, String value) throws GException {
        if (name == null || name.length() == 0) {
            throw new GException("Header name is required");
        }
        if (value == null) {
            throw new GException("Header value is null for " + name);
        }
        byName.put(key(name), new Header(name, value));
    }

    /** Adds or replaces a date header, written in RFC 1123 form. */
    public void add(String name, Date value) throws GException {
        if (value == null) {
            throw new GException("Header value is null for " + name);
        }
        SimpleDateFormat f = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
        f.setTimeZone(TimeZone.getTimeZone("GMT"));
        add(name, f.format(value));
    }

    /** Case-insensitive removal. */
    public void remove(String name) {
        if (name != null) {
            byName.remove(key(name));
        }
    }

    /** Case-insensitive existence check. */
    public boolean contains(String name) {
        return name != null && byName.containsKey(key(name));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<String>();
        for (Header h : byName.values()) {
            parts.add(h.toString());
        }
        return parts.toString();
    }
}
