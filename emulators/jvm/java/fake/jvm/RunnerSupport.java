// What every emulator's command-line runner does around its scenarios (JVM side of the Rhino emulators: Akana and Apigee): stdout kept for JSON, no silent re-POST, engine facts, JSON numbers as Java values.
package fake.jvm;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mozilla.javascript.Context;

public final class RunnerSupport {
    private RunnerSupport() {
    }

    /**
     * Call once before any script runs. HttpURLConnection silently re-POSTs after a failure on a
     * reused keep-alive connection; a duplicate sideband call would falsify the recorded sends, so
     * that is off unless the caller chose otherwise. A script printing through System.out must not
     * corrupt the JSON document: System.out goes to stderr, and the real stdout is returned.
     */
    public static PrintStream reserveStdout() {
        if (System.getProperty("sun.net.http.retryPost") == null) {
            System.setProperty("sun.net.http.retryPost", "false");
        }
        PrintStream stdout = System.out;
        System.setOut(System.err);
        return stdout;
    }

    /** rhino, java, languageVersion, optimizationLevel of the Context. */
    public static Map<String, Object> engineInfo(Context cx) {
        Map<String, Object> engine = new LinkedHashMap<String, Object>();
        // The jar manifest says "1.7.14"; Debian's build reports "Rhino Snapshot" through the Context.
        String version = Context.class.getPackage().getImplementationVersion();
        engine.put("rhino", version != null ? version : cx.getImplementationVersion());
        engine.put("java", System.getProperty("java.version"));
        engine.put("languageVersion", Long.valueOf(cx.getLanguageVersion()));
        engine.put("optimizationLevel", Long.valueOf(cx.getOptimizationLevel()));
        return engine;
    }

    /** The results document, then a newline, on the stdout reserveStdout returned. */
    public static void writeDocument(PrintStream stdout, Map<String, Object> doc) throws java.io.IOException {
        Writer w = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
        w.write(Json.write(doc));
        w.write('\n');
        w.flush();
    }

    /** JSON integers become Integer (Long when too big), other numbers Double, strings String. */
    public static Object javaValue(Object v) {
        if (v instanceof Long) {
            long l = (Long) v;
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) Integer.valueOf((int) l) : v;
        }
        return v;
    }
}
