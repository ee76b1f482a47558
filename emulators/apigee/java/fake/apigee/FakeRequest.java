// The `Request` constructor of the fake Apigee host (JVM side of the Apigee emulator): new Request(url, method, headers, body).
package fake.apigee;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/** headers: a plain JS object name -> value (Apigee's samples); body: a string. */
public final class FakeRequest {
    final String url;
    final String method;
    final Map<String, String> headers = new LinkedHashMap<String, String>();
    final String body;

    public FakeRequest(String url) {
        this(url, "GET", null, null);
    }

    public FakeRequest(String url, String method) {
        this(url, method, null, null);
    }

    public FakeRequest(String url, String method, Object headers) {
        this(url, method, headers, null);
    }

    public FakeRequest(String url, String method, Object headers, Object body) {
        this.url = url;
        this.method = method == null ? "GET" : method;
        if (headers instanceof Scriptable) {
            Scriptable h = (Scriptable) headers;
            for (Object id : h.getIds()) {
                String name = String.valueOf(id);
                this.headers.put(name, Context.toString(ScriptableObject.getProperty(h, name)));
            }
        }
        this.body = body == null ? null : Context.toString(body);
    }
}
