// Benchmark entry of the fake Akana host (JVM side of npm run bench): compiled-once scripts run per message as a JSR-223 engine runs them.
package fake.akana;

import com.soa.message.handler.script.ScriptProcessResult;
import fake.jvm.Json;
import fake.jvm.ScriptSource;
import java.io.FileInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * Usage: java -cp classes:js.jar fake.akana.BenchRunner FILE. Akana compiles a script once and runs it per
 * message; a JSR-223 Rhino engine keeps one scope of standard objects and gives every evaluation a fresh
 * top-level object (its prototype the shared scope, its parent none) that holds the bindings. So here:
 * every script is compiled once, `initStandardObjects` runs once, the "shared" scripts run once in that
 * scope, and each message gets new host objects and a new top-level object, then its phase's scripts.
 * Arms run in interleaved rounds (order rotated each round); per message the calling thread's CPU time
 * (ThreadMXBean) and wall time are taken around the scripts alone. Prints one JSON document on stdout.
 */
public final class BenchRunner {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Context cx;
    private final ScriptableObject shared;
    private final ScriptSource scripts;
    private final Map<String, Route> routes = new LinkedHashMap<String, Route>();
    private final int auditThreshold;
    private final int systemThreshold;

    private BenchRunner(Context cx, ScriptableObject shared, ScriptSource scripts, Map<String, Object> doc) {
        this.cx = cx;
        this.shared = shared;
        this.scripts = scripts;
        Map<String, Object> rs = map(doc.get("routes"));
        for (Map.Entry<String, Object> e : rs.entrySet()) {
            routes.put(e.getKey(), new Route(e.getKey(), map(e.getValue())));
        }
        Map<String, Object> levels = map(doc.get("logLevels"));
        auditThreshold = FakeLoggerImpl.level((String) levels.get("auditLog"));
        systemThreshold = FakeLoggerImpl.level((String) levels.get("systemLog"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? new LinkedHashMap<String, Object>() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? new ArrayList<Object>() : (List<Object>) o;
    }

    private static int number(Map<String, Object> m, String key, int dflt) {
        return m.get(key) == null ? dflt : ((Number) m.get(key)).intValue();
    }

    /** What one arm and round produced: per-message times, outcome counts, the first problem seen. */
    private static final class Tally {
        final List<Object> requestCpu = new ArrayList<Object>();
        final List<Object> requestWall = new ArrayList<Object>();
        final List<Object> responseCpu = new ArrayList<Object>();
        final List<Object> responseWall = new ArrayList<Object>();
        long sends;
        long answered200;
        long blocked;
        long exceptions;
        long logLines;
        long logMatches;
        String firstProblem;

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<String, Object>();
            m.put("requestCpuNanos", requestCpu);
            m.put("requestWallNanos", requestWall);
            m.put("responseCpuNanos", responseCpu);
            m.put("responseWallNanos", responseWall);
            m.put("sends", Long.valueOf(sends));
            m.put("answered200", Long.valueOf(answered200));
            m.put("blocked", Long.valueOf(blocked));
            m.put("exceptions", Long.valueOf(exceptions));
            m.put("logLines", Long.valueOf(logLines));
            m.put("logMatches", Long.valueOf(logMatches));
            m.put("firstProblem", firstProblem);
            return m;
        }
    }

    private List<Script> compile(Map<String, Object> phase) throws Exception {
        List<Script> out = new ArrayList<Script>();
        for (Object spec : list(phase.get("scripts"))) {
            out.add(scripts.get(cx, spec));
        }
        return out;
    }

    /** Runs one phase of one message: fresh host objects and top-level object, then the compiled scripts. */
    private void runPhase(List<Script> compiled, Map<String, Object> phase, FakeExchangeImpl ex, int type, Map<String, Object> arm,
            Tally tally, List<Object> capture) throws Exception {
        Map<String, Object> step = new LinkedHashMap<String, Object>();
        step.put("message", phase.get("message"));
        for (Map.Entry<String, Object> e : map(phase.get("exchangeProperties")).entrySet()) {
            ex.setProperty(e.getKey(), ScenarioRunner.javaValue(e.getValue()));
        }
        com.soa.message.script.Message msg = ScenarioRunner.presentedMessage(step, ex, type);
        ex.place(type, msg);
        List<Object> logs = Collections.synchronizedList(new ArrayList<Object>());
        List<Object> sends = capture != null ? capture : Collections.synchronizedList(new ArrayList<Object>());
        ScriptProcessResult result = new ScriptProcessResult();
        Map<String, Object> host = new LinkedHashMap<String, Object>();
        host.put("messageContext", new FakeMessageContextImpl(msg, ex, type, true, false));
        host.put("result", result);
        host.put("msgFactory", new FakeMessageFactoryImpl());
        host.put("msgrService", new FakeMessengerServiceImpl(new FakeMessengerImpl(routes, sends)));
        host.put("auditLog", new FakeLoggerImpl("auditLog", auditThreshold, logs));
        host.put("systemLog", new FakeLoggerImpl("systemLog", systemThreshold, logs));

        // What a JSR-223 engine does per evaluation: a new top-level object over the shared standard objects.
        Scriptable scope = cx.newObject(shared);
        scope.setPrototype(shared);
        scope.setParentScope(null);
        for (Map.Entry<String, Object> b : host.entrySet()) {
            ScriptableObject.putProperty(scope, b.getKey(), Context.javaToJS(b.getValue(), scope));
        }
        Throwable escaped = null;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        try {
            if (type == 0) {
                execRequest(compiled, scope);
            } else {
                execResponse(compiled, scope);
            }
        } catch (Throwable t) {
            escaped = t;
        }
        long wall = System.nanoTime() - wall0;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        (type == 0 ? tally.requestCpu : tally.responseCpu).add(Long.valueOf(cpu));
        (type == 0 ? tally.requestWall : tally.responseWall).add(Long.valueOf(wall));

        if (escaped != null) {
            tally.exceptions++;
            if (tally.firstProblem == null) {
                tally.firstProblem = "script threw " + escaped;
            }
        }
        if (Boolean.FALSE.equals(result.isSuccess())) {
            tally.blocked++;
        }
        synchronized (sends) {
            for (Object o : sends) {
                tally.sends++;
                if (Integer.valueOf(200).equals(map(o).get("status"))) {
                    tally.answered200++;
                }
            }
        }
        String match = (String) arm.get("countLog");
        synchronized (logs) {
            for (Object o : logs) {
                String text = String.valueOf(map(o).get("text"));
                tally.logLines++;
                if (match != null && text.indexOf(match) >= 0) {
                    tally.logMatches++;
                }
                if (tally.firstProblem == null) {
                    tally.firstProblem = map(o).get("level") + " " + text;
                }
            }
        }
    }

    /** The request message's scripts: a method of its own, so a profiler can tell the phases apart by the stack (bench/rhino-profile.ts). */
    private void execRequest(List<Script> compiled, Scriptable scope) {
        for (Script s : compiled) {
            s.exec(cx, scope);
        }
    }

    /** The response (or fault) message's scripts, likewise. */
    private void execResponse(List<Script> compiled, Scriptable scope) {
        for (Script s : compiled) {
            s.exec(cx, scope);
        }
    }

    private Map<String, Object> run(Map<String, Object> doc) throws Exception {
        List<Object> arms = list(doc.get("arms"));
        int rounds = number(doc, "rounds", 1);
        int warmup = number(doc, "warmupRounds", 0);
        int messages = number(doc, "messages", 1);
        List<List<Script>> requestScripts = new ArrayList<List<Script>>();
        List<List<Script>> responseScripts = new ArrayList<List<Script>>();
        for (Object a : arms) {
            requestScripts.add(map(a).get("request") == null ? null : compile(map(map(a).get("request"))));
            responseScripts.add(map(a).get("response") == null ? null : compile(map(map(a).get("response"))));
        }
        Map<String, Object> captured = new LinkedHashMap<String, Object>();
        List<Object> measured = new ArrayList<Object>();
        long exchanges = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            Map<String, Object> byArm = new LinkedHashMap<String, Object>();
            for (int k = 0; k < arms.size(); k++) {
                int i = (k + round) % arms.size();
                Map<String, Object> arm = map(arms.get(i));
                String name = (String) arm.get("name");
                int pauseMs = number(arm, "pauseMs", 0);
                Tally tally = new Tally();
                for (int n = 0; n < messages; n++) {
                    FakeExchangeImpl ex = new FakeExchangeImpl("bench-" + (++exchanges), FakeExchangeImpl.IN_OUT);
                    // The first message of each arm keeps its sends (what the policy sent, byte for byte).
                    boolean first = round == 0 && n == 0;
                    List<Object> requestSends = first ? Collections.synchronizedList(new ArrayList<Object>()) : null;
                    List<Object> responseSends = first ? Collections.synchronizedList(new ArrayList<Object>()) : null;
                    if (requestScripts.get(i) != null) {
                        runPhase(requestScripts.get(i), map(arm.get("request")), ex, 0, arm, tally, requestSends);
                    }
                    if (responseScripts.get(i) != null) {
                        runPhase(responseScripts.get(i), map(arm.get("response")), ex, 1, arm, tally, responseSends);
                    }
                    if (first) {
                        Map<String, Object> c = new LinkedHashMap<String, Object>();
                        c.put("request", requestSends);
                        c.put("response", responseSends);
                        captured.put(name, c);
                    }
                    if (pauseMs > 0) {
                        Thread.sleep(pauseMs);
                    }
                }
                byArm.put(name, tally.toJson());
            }
            if (round >= warmup) {
                measured.add(byArm);
            }
        }
        int tailMs = number(doc, "tailMs", 0);
        if (tailMs > 0) {
            awaitBackgroundSends(tailMs);
        }
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        out.put("rounds", measured);
        out.put("captured", captured);
        return out;
    }

    /**
     * Background (async-mode) sends finish before the JVM exits: waits until every ForkJoinPool a worker
     * thread belongs to (the policy's async pool) is quiescent (its sends answered), at most tailMs; with
     * no such pool, sleeps tailMs. A pool that still holds a backlog when the rounds end (a fast machine
     * queues calls faster than the threads send them) is drained, not cut off by a fixed sleep.
     */
    private static void awaitBackgroundSends(int tailMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + tailMs;
        java.util.Set<java.util.concurrent.ForkJoinPool> pools = new java.util.HashSet<java.util.concurrent.ForkJoinPool>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread instanceof java.util.concurrent.ForkJoinWorkerThread) {
                java.util.concurrent.ForkJoinPool pool = ((java.util.concurrent.ForkJoinWorkerThread) thread).getPool();
                if (pool != java.util.concurrent.ForkJoinPool.commonPool()) pools.add(pool);
            }
        }
        for (java.util.concurrent.ForkJoinPool pool : pools) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) pool.awaitQuiescence(left, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (pools.isEmpty()) Thread.sleep(tailMs);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BenchRunner FILE");
            System.exit(2);
        }
        Map<String, Object> doc = map(Json.parse(new String(new FileInputStream(args[0]).readAllBytes(), StandardCharsets.UTF_8)));
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        System.setProperty("sun.net.http.retryPost", "false"); // no silent re-POST: each send is one call
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Map<String, Object> options = map(doc.get("options"));
        String profile = options.get("profile") == null ? RhinoSetup.PROFILE_AKANA : (String) options.get("profile");
        String shutter = options.get("classShutter") == null ? "default" : (String) options.get("classShutter");
        Context cx = Context.enter();
        Map<String, Object> out;
        try {
            RhinoSetup.configure(cx, profile, number(options, "optimizationLevel", 0), shutter);
            ScriptableObject shared = RhinoSetup.freshScope(cx, profile);
            ScriptSource scripts = new ScriptSource(new java.io.File(options.get("baseDir") == null ? "." : (String) options.get("baseDir")));
            for (Object spec : list(doc.get("shared"))) {
                scripts.get(cx, spec).exec(cx, shared);
            }
            out = new BenchRunner(cx, shared, scripts, doc).run(doc);
            out.put("engine", PolicyRunner.engineInfo(cx, profile, shutter));
        } finally {
            Context.exit();
        }
        PolicyRunner.print(stdout, out);
    }
}
