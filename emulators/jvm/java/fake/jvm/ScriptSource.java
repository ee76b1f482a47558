// Loads and compiles policy scripts once per run (JVM side of the Rhino emulators: Akana and Apigee), as a gateway compiles on activation.
package fake.jvm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;

/** A compiled Script holds code only: executing it in a fresh scope shares no state with earlier runs. */
public final class ScriptSource {
    private final File baseDir;
    private final Map<String, Script> cache = new HashMap<String, Script>();

    public ScriptSource(File baseDir) {
        this.baseDir = baseDir;
    }

    /** spec: a path (relative to baseDir) or {"name": ..., "source": ...}. */
    @SuppressWarnings("unchecked")
    public Script get(Context cx, Object spec) throws IOException {
        String name;
        String source;
        String key;
        if (spec instanceof String) {
            File f = new File((String) spec);
            if (!f.isAbsolute()) {
                f = new File(baseDir, (String) spec);
            }
            if (!f.isFile()) {
                throw new IOException("Script file not found: " + f.getPath());
            }
            key = "file:" + f.getCanonicalPath() + ":" + f.lastModified() + ":" + f.length();
            name = (String) spec;
            Script cached = cache.get(key + ":" + cx.getOptimizationLevel());
            if (cached != null) {
                return cached;
            }
            source = new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
        } else if (spec instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) spec;
            name = (String) m.get("name");
            source = (String) m.get("source");
            if (name == null || source == null) {
                throw new IllegalArgumentException("inline scripts need name and source");
            }
            key = "inline:" + name + "\n" + source;
        } else {
            throw new IllegalArgumentException("a script is a path or {name, source}: " + spec);
        }
        String fullKey = key + ":" + cx.getOptimizationLevel();
        Script s = cache.get(fullKey);
        if (s == null) {
            s = cx.compileString(source, name, 1, null);
            cache.put(fullKey, s);
        }
        return s;
    }
}
