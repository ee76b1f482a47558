// Command-line entry of the fake Akana host (JVM side of the Rhino test harness): scenarios JSON in, results JSON out.
package fake.akana;

import fake.jvm.Json;
import fake.jvm.RunnerSupport;
import fake.jvm.ScriptSource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;

/**
 * Usage: java -cp classes:js.jar fake.akana.PolicyRunner [--repeat N] [--opt N] [--profile P]
 * [--class-shutter M] [--base-dir D] FILE|-
 *
 * FILE holds either a JSON array of scenarios or {"options": {...}, "scenarios": [...]}; command-line
 * flags win over "options". One Rhino Context (language version 180) serves every scenario of the run.
 * Prints {"engine": {...}, "scenarios": [...]} on stdout; exit 0 unless the input itself is unusable.
 */
public final class PolicyRunner {
    private PolicyRunner() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Map<String, Object> cli = new LinkedHashMap<String, Object>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--repeat")) {
                cli.put("repeat", Long.valueOf(args[++i]));
            } else if (a.equals("--opt")) {
                cli.put("optimizationLevel", Long.valueOf(args[++i]));
            } else if (a.equals("--profile")) {
                cli.put("profile", args[++i]);
            } else if (a.equals("--class-shutter")) {
                cli.put("classShutter", args[++i]);
            } else if (a.equals("--base-dir")) {
                cli.put("baseDir", args[++i]);
            } else if (file == null) {
                file = a;
            } else {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
        }
        if (file == null) {
            System.err.println("usage: PolicyRunner [--repeat N] [--opt N] [--profile akana-1.7R4|rhino-1.7.14] "
                    + "[--class-shutter default|allowlist|none] [--base-dir DIR] FILE|-");
            System.exit(2);
        }
        Object doc = Json.parse(new String((file.equals("-") ? System.in : new FileInputStream(file)).readAllBytes(), StandardCharsets.UTF_8));
        Map<String, Object> options = new LinkedHashMap<String, Object>();
        List<Object> scenarios;
        if (doc instanceof List) {
            scenarios = (List<Object>) doc;
        } else {
            Map<String, Object> d = (Map<String, Object>) doc;
            if (d.get("options") != null) {
                options.putAll((Map<String, Object>) d.get("options"));
            }
            scenarios = (List<Object>) d.get("scenarios");
        }
        options.putAll(cli);

        String profile = options.get("profile") == null ? RhinoSetup.PROFILE_AKANA : (String) options.get("profile");
        int opt = options.get("optimizationLevel") == null ? 0 : ((Number) options.get("optimizationLevel")).intValue();
        String shutter = options.get("classShutter") == null ? "default" : (String) options.get("classShutter");
        int repeat = options.get("repeat") == null ? 1 : ((Number) options.get("repeat")).intValue();
        File baseDir = new File(options.get("baseDir") == null ? "." : (String) options.get("baseDir"));

        PrintStream stdout = RunnerSupport.reserveStdout();

        Context cx = Context.enter();
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        try {
            RhinoSetup.configure(cx, profile, opt, shutter);
            out.put("engine", engineInfo(cx, profile, shutter));
            ScriptSource scripts = new ScriptSource(baseDir);
            List<Object> results = new ArrayList<Object>();
            for (Object s : scenarios) {
                results.add(new ScenarioRunner(cx, scripts, profile, repeat).run((Map<String, Object>) s));
            }
            out.put("scenarios", results);
        } finally {
            Context.exit();
        }
        print(stdout, out);
    }

    /** Writes the result document as one JSON line (also BenchRunner's output). */
    static void print(PrintStream stdout, Map<String, Object> out) throws java.io.IOException {
        RunnerSupport.writeDocument(stdout, out);
    }

    /** The engine the results come from (also reported by BenchRunner). */
    static Map<String, Object> engineInfo(Context cx, String profile, String shutter) {
        Map<String, Object> engine = RunnerSupport.engineInfo(cx);
        engine.put("profile", profile);
        engine.put("classShutter", shutter);
        return engine;
    }
}
