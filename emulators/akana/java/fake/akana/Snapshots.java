// Java-to-JSON views of fake Akana objects (JVM side of the Rhino test harness): what a step result reports.
package fake.akana;

import com.soa.message.script.Header;
import com.soa.message.script.Headers;
import com.soa.message.script.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.WrappedException;
import org.mozilla.javascript.Wrapper;

final class Snapshots {
    private Snapshots() {
    }

    /** Strings, booleans and numbers as themselves; anything else as its String.valueOf. */
    static Object value(Object v) {
        if (v instanceof Wrapper) {
            v = ((Wrapper) v).unwrap();
        }
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Long.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number) {
            return Double.valueOf(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    static String type(Object v) {
        if (v instanceof Wrapper) {
            v = ((Wrapper) v).unwrap();
        }
        return v == null ? null : v.getClass().getName();
    }

    static Map<String, Object> values(Map<String, Object> props) {
        Map<String, Object> m = new LinkedHashMap<String, Object>();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            m.put(e.getKey(), value(e.getValue()));
        }
        return m;
    }

    static Map<String, Object> types(Map<String, Object> props) {
        Map<String, Object> m = new LinkedHashMap<String, Object>();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            m.put(e.getKey(), type(e.getValue()));
        }
        return m;
    }

    static List<Object> headers(Headers hs) {
        if (hs == null) {
            return null;
        }
        List<Object> out = new ArrayList<Object>();
        for (Header h : hs.getArray()) {
            List<Object> pair = new ArrayList<Object>();
            pair.add(h.getName());
            pair.add(h.getValue());
            out.add(pair);
        }
        return out;
    }

    static Map<String, Object> message(Message msg) {
        if (msg == null) {
            return null;
        }
        FakeMessageImpl m = (FakeMessageImpl) msg;
        Map<String, Object> s = new LinkedHashMap<String, Object>();
        byte[] content = m.rawContent();
        s.put("contentType", m.getContentType());
        s.put("content", content == null ? null : new String(content, StandardCharsets.UTF_8));
        s.put("statusCode", value(m.getProperty(FakeMessengerImpl.STATUS_PROPERTY)));
        s.put("headers", headers(m.getTransportHeaders()));
        s.put("properties", values(m.properties()));
        s.put("propertyTypes", types(m.properties()));
        return s;
    }

    /** Class and message of an exception that escaped a script, with the wrapped Java exception if any. */
    static Map<String, Object> exception(Throwable t) {
        Map<String, Object> m = new LinkedHashMap<String, Object>();
        m.put("class", t.getClass().getName());
        if (t instanceof RhinoException) {
            RhinoException r = (RhinoException) t;
            m.put("message", r.details());
            m.put("sourceName", r.sourceName());
            m.put("line", Long.valueOf(r.lineNumber()));
            m.put("scriptStack", r.getScriptStackTrace());
        } else {
            m.put("message", t.getMessage());
            m.put("sourceName", null);
            m.put("line", null);
            m.put("scriptStack", null);
        }
        if (t instanceof WrappedException) {
            m.put("wrapped", exception(((WrappedException) t).getWrappedException()));
        } else {
            m.put("wrapped", null);
        }
        return m;
    }
}
