// Command-line entry of the fake Apigee host (JVM side of the Apigee emulator): scenarios JSON in, results JSON out.
package fake.apigee;

import fake.jvm.EngineProfiles;
import fake.jvm.Json;
import fake.jvm.RunnerSupport;
import fake.jvm.ScriptSource;
import java.io.File;
import java.io.FileInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;

/**
 * Usage: java -cp classes:js.jar fake.apigee.ApigeeRunner FILE, FILE holding {"options": {...},
 * "scenarios": [...]} (emulators/apigee/protocol.ts). One Rhino Context (language version 180) for
 * the run; per scenario one environment (bundle, KVM, cache, httpClient); per call a request flow,
 * the backend's answer, a response flow, on the hooks the call names.
 */
public final class ApigeeRunner {
    private ApigeeRunner() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ApigeeRunner FILE");
            System.exit(2);
        }
        Map<String, Object> doc = (Map<String, Object>) Json.parse(new String(new FileInputStream(args[0]).readAllBytes(), StandardCharsets.UTF_8));
        Map<String, Object> options = doc.get("options") == null ? new LinkedHashMap<String, Object>() : (Map<String, Object>) doc.get("options");
        String profile = options.get("profile") == null ? FlowExecutor.PROFILE_APIGEE : (String) options.get("profile");
        if (!profile.equals(FlowExecutor.PROFILE_APIGEE) && !profile.equals(FlowExecutor.PROFILE_RHINO)) {
            throw new IllegalArgumentException("profile must be " + FlowExecutor.PROFILE_APIGEE + " or " + FlowExecutor.PROFILE_RHINO);
        }
        File baseDir = new File(options.get("baseDir") == null ? "." : (String) options.get("baseDir"));
        PrintStream stdout = RunnerSupport.reserveStdout();
        Context cx = Context.enter();
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        try {
            cx.setLanguageVersion(Context.VERSION_1_8);
            cx.setOptimizationLevel(0);
            if (profile.equals(FlowExecutor.PROFILE_APIGEE)) {
                cx.setWrapFactory(new EngineProfiles.LegacyWrapFactory());
            }
            Map<String, Object> engine = RunnerSupport.engineInfo(cx);
            engine.put("profile", profile);
            out.put("engine", engine);
            ScriptSource scripts = new ScriptSource(baseDir);
            List<Object> results = new ArrayList<Object>();
            for (Object s : (List<Object>) doc.get("scenarios")) {
                results.add(runScenario(cx, scripts, profile, baseDir, (Map<String, Object>) s));
            }
            out.put("scenarios", results);
        } finally {
            Context.exit();
        }
        RunnerSupport.writeDocument(stdout, out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runScenario(Context cx, ScriptSource scripts, String profile, File baseDir, Map<String, Object> scenario) {
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        out.put("name", scenario.get("name"));
        out.put("error", null);
        List<Object> calls = new ArrayList<Object>();
        out.put("calls", calls);
        FlowExecutor.Environment env = new FlowExecutor.Environment();
        env.http = new FakeHttpClient();
        try {
            File bundle = new File((String) scenario.get("bundle"));
            env.bundle = Bundle.load(bundle.isAbsolute() ? bundle : new File(baseDir, bundle.getPath()), (Map<String, Object>) scenario.get("resources"));
            env.cx = cx;
            env.scripts = scripts;
            env.profile = profile;
            env.kvm = (Map<String, Object>) scenario.get("kvm");
            Map<String, Object> host = scenario.get("host") == null ? new LinkedHashMap<String, Object>() : (Map<String, Object>) scenario.get("host");
            env.http.configure(host.get("statusShape") == null ? "object" : (String) host.get("statusShape"), "throws".equals(host.get("waitTimeout")));
            if (host.get("timeLimitScale") != null) {
                env.timeLimitScale = ((Number) host.get("timeLimitScale")).longValue();
            }
            if (host.get("pendingCalls") != null) {
                env.pending = (String) host.get("pendingCalls");
            }
            if (scenario.get("bindings") != null) {
                env.bindings = (Map<String, Object>) scenario.get("bindings");
            }
            for (Object c : (List<Object>) scenario.get("calls")) {
                calls.add(runCall(env, (Map<String, Object>) c));
            }
        } catch (Exception e) {
            out.put("error", e.toString());
        } finally {
            // Background sends (async mode, abandoned waits) end before the results are read.
            env.http.drain(5000);
        }
        return out;
    }

    private static String requestFlow(String hook) {
        return hook.equals("PreTargetFlowHook") ? "TARGET_REQ_FLOW" : "PROXY_REQ_FLOW";
    }

    private static String responseFlow(String hook) {
        return hook.equals("PostTargetFlowHook") ? "TARGET_RESP_FLOW" : "PROXY_RESP_FLOW";
    }

    @SuppressWarnings("unchecked")
    private static FakeMessage message(Map<String, Object> spec, boolean isRequest) {
        FakeMessage m = new FakeMessage();
        if (spec == null) {
            m.status = isRequest ? 0 : 200;
            m.reason = isRequest ? null : "OK";
            return m;
        }
        if (spec.get("verb") != null) {
            m.verb = (String) spec.get("verb");
        }
        if (spec.get("uri") != null) {
            m.uri = (String) spec.get("uri");
        }
        if (spec.get("version") != null) {
            m.version = (String) spec.get("version");
        }
        if (!isRequest) {
            m.status = spec.get("status") == null ? 200 : ((Number) spec.get("status")).intValue();
            m.reason = (String) spec.get("reason");
        }
        m.content = (String) spec.get("content");
        List<Object> headers = (List<Object>) spec.get("headers");
        if (headers != null) {
            for (Object h : headers) {
                List<Object> pair = (List<Object>) h;
                m.addHeader((String) pair.get(0), (String) pair.get(1));
            }
        }
        return m;
    }

    /** A harness step between calls (e.g. the demo stopping a stand-in): GET the URL, which must answer 204. */
    private static Map<String, Object> control(Map<String, Object> call) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL((String) call.get("controlUrl")).openConnection(java.net.Proxy.NO_PROXY);
        int code = c.getResponseCode();
        if (code != 204) {
            throw new IllegalStateException("control step " + call.get("controlUrl") + " answered " + code);
        }
        Map<String, Object> r = new LinkedHashMap<String, Object>();
        r.put("name", call.get("name"));
        r.put("backendCalled", Boolean.FALSE);
        Map<String, Object> none = new LinkedHashMap<String, Object>();
        for (String k : new String[] {"status", "reason", "contentType", "body", "fault"}) {
            none.put(k, k.equals("status") ? (Object) Long.valueOf(0) : null);
        }
        r.put("client", none);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runCall(FlowExecutor.Environment env, Map<String, Object> call) throws Exception {
        if (call.get("controlUrl") != null) {
            return control(call);
        }
        Map<String, Object> hooks = call.get("hooks") == null ? new LinkedHashMap<String, Object>() : (Map<String, Object>) call.get("hooks");
        String requestHook = hooks.containsKey("request") ? (String) hooks.get("request") : "PreProxyFlowHook";
        String responseHook = hooks.containsKey("response") ? (String) hooks.get("response") : "PostProxyFlowHook";
        Map<String, Object> client = call.get("client") == null ? new LinkedHashMap<String, Object>() : (Map<String, Object>) call.get("client");
        FakeMessage request = message((Map<String, Object>) call.get("request"), true);
        Map<String, Object> variables = new LinkedHashMap<String, Object>();
        Map<String, Object> given = (Map<String, Object>) call.get("variables");
        if (given != null) {
            for (Map.Entry<String, Object> v : given.entrySet()) {
                variables.put(v.getKey(), RunnerSupport.javaValue(v.getValue()));
            }
        }
        String ip = (String) client.get("ip");
        Integer port = client.get("port") == null ? null : Integer.valueOf(((Number) client.get("port")).intValue());
        Map<String, Object> r = new LinkedHashMap<String, Object>();
        r.put("name", call.get("name"));
        Map<String, Object> fault = null;
        if (requestHook != null) {
            FlowExecutor req = new FlowExecutor(env, new FakeContext(requestFlow(requestHook), request, null, ip, port, variables));
            r.put("request", withVariables(req.run(), variables));
            fault = req.fault();
        }
        FakeMessage response = null;
        if (fault == null) {
            response = message((Map<String, Object>) call.get("response"), false);
            if (responseHook != null) {
                FlowExecutor resp = new FlowExecutor(env, new FakeContext(responseFlow(responseHook), request, response, ip, port, variables));
                r.put("response", withVariables(resp.run(), variables));
                fault = resp.fault();
            }
        }
        r.put("backendCalled", Boolean.valueOf(response != null));
        Map<String, Object> answer = new LinkedHashMap<String, Object>();
        if (fault != null) {
            answer.put("status", fault.get("status"));
            answer.put("reason", fault.get("reason"));
            answer.put("contentType", fault.get("contentType"));
            answer.put("body", fault.get("body"));
            answer.put("fault", fault.get("policy"));
        } else {
            answer.put("status", Long.valueOf(response.status));
            answer.put("reason", response.reason);
            answer.put("contentType", response.joined("Content-Type"));
            answer.put("body", response.content);
            answer.put("fault", null);
        }
        r.put("client", answer);
        if (call.get("pauseAfterMs") != null) {
            Thread.sleep(((Number) call.get("pauseAfterMs")).longValue());
        }
        return r;
    }

    private static Map<String, Object> withVariables(Map<String, Object> phase, Map<String, Object> variables) {
        Map<String, Object> snapshot = new LinkedHashMap<String, Object>();
        for (Map.Entry<String, Object> v : variables.entrySet()) {
            Object value = v.getValue();
            snapshot.put(v.getKey(), value == null || value instanceof String || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value));
        }
        phase.put("variables", snapshot);
        return phase;
    }
}
