// Runs the shared flow's default flow for one request or response flow of a call (JVM side of the Apigee emulator): conditions, then each step's policy.
package fake.apigee;

import fake.jvm.EngineProfiles;
import fake.jvm.ScriptSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeJavaClass;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.w3c.dom.Element;

/**
 * Policies the bundle uses: Javascript (IncludeURLs then ResourceURL in one fresh scope, within
 * timeLimit), KeyValueMapOperations Get, LookupCache, PopulateCache, RaiseFault. A failing policy
 * with continueOnError="true" lets the flow go on; otherwise, and after a RaiseFault, the flow
 * stops with a fault (what the client gets).
 */
final class FlowExecutor {
    static final String PROFILE_APIGEE = "apigee-1.7.13";
    static final String PROFILE_RHINO = "rhino-1.7.14";
    /** LiveConnect's globals: Apigee's docs promise none of them, so the 1.7.13 profile removes them. */
    private static final String[] JAVA_GLOBALS = {"java", "javax", "Packages", "org", "com", "edu", "net", "getClass", "JavaAdapter", "JavaImporter"};
    private static final Pattern TEMPLATE = Pattern.compile("\\{([A-Za-z0-9_.\\-]+)\\}");

    /** What one scenario shares across its calls: engine, bundle, KVM, cache, HTTP client, options. */
    static final class Environment {
        Context cx;
        ScriptSource scripts;
        String profile;
        Bundle bundle;
        Map<String, Object> kvm;
        final Map<String, Object[]> cache = new LinkedHashMap<String, Object[]>();
        FakeHttpClient http;
        /** "background" (default): a script's unanswered calls go on after it; "hold": the step waits for them within timeLimit. */
        String pending = "background";
        Map<String, Object> bindings = new LinkedHashMap<String, Object>();
        /** timeLimit is enforced times this (1: as written; more leaves a cold test JVM room, still bounding every wait). */
        long timeLimitScale = 1;
    }

    private final Environment env;
    private final FakeContext context;
    private final List<Object> prints = new ArrayList<Object>();
    private final List<Object> stepResults = new ArrayList<Object>();
    private Map<String, Object> fault;

    FlowExecutor(Environment env, FakeContext context) {
        this.env = env;
        this.context = context;
    }

    /** Runs the flow; returns the phase's result (steps, prints, sends, variables, fault). */
    Map<String, Object> run() {
        long t0 = System.nanoTime();
        for (Bundle.Step step : env.bundle.steps) {
            Map<String, Object> r = new LinkedHashMap<String, Object>();
            r.put("policy", step.policy);
            stepResults.add(r);
            if (step.condition != null && !Condition.holds(step.condition, context)) {
                r.put("executed", Boolean.FALSE);
                continue;
            }
            r.put("executed", Boolean.TRUE);
            Element policy = env.bundle.policies.get(step.policy);
            long s0 = System.nanoTime();
            String error = null;
            try {
                execute(policy);
            } catch (Throwable t) {
                error = t instanceof TimeLimitExceeded ? t.getMessage() : t.getClass().getName() + ": " + t.getMessage();
            }
            r.put("micros", Long.valueOf((System.nanoTime() - s0) / 1000));
            r.put("error", error);
            if (error != null && !"true".equals(policy.getAttribute("continueOnError"))) {
                fault = new LinkedHashMap<String, Object>();
                fault.put("policy", step.policy);
                fault.put("status", Long.valueOf(500));
                fault.put("reason", "Internal Server Error");
                fault.put("contentType", "application/json");
                fault.put("body", "{\"fault\":{\"faultstring\":\"Execution of " + step.policy + " failed\"}}");
            }
            if (fault != null) {
                break;
            }
        }
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        out.put("flow", context.flow);
        out.put("steps", stepResults);
        out.put("prints", prints);
        out.put("sends", env.http.takeSends());
        out.put("fault", fault);
        out.put("micros", Long.valueOf((System.nanoTime() - t0) / 1000));
        return out;
    }

    Map<String, Object> fault() {
        return fault;
    }

    private void execute(Element policy) throws Exception {
        switch (policy.getTagName()) {
            case "Javascript": javascript(policy); return;
            case "KeyValueMapOperations": kvm(policy); return;
            case "LookupCache": lookupCache(policy); return;
            case "PopulateCache": populateCache(policy); return;
            case "RaiseFault": raiseFault(policy); return;
            default: throw new IllegalArgumentException("policy type not supported by the fake: " + policy.getTagName());
        }
    }

    private boolean bound(String name) {
        Object mode = env.bindings.get(name);
        return mode == null || "bound".equals(mode);
    }

    private void javascript(Element policy) throws Exception {
        String name = policy.getAttribute("name");
        long limit = Long.parseLong(policy.getAttribute("timeLimit")) * env.timeLimitScale;
        Context cx = env.cx;
        ScriptableObject scope = cx.initStandardObjects();
        if (env.profile.equals(PROFILE_APIGEE)) {
            EngineProfiles.deleteNewerBuiltins(scope);
            EngineProfiles.refuseJavaValuesInStringify(scope);
            for (String g : JAVA_GLOBALS) {
                ScriptableObject.deleteProperty(scope, g);
            }
        }
        if (bound("context")) {
            ScriptableObject.putProperty(scope, "context", Context.javaToJS(context, scope));
        }
        if (bound("httpClient")) {
            ScriptableObject.putProperty(scope, "httpClient", Context.javaToJS(env.http, scope));
        }
        if (bound("Request")) {
            ScriptableObject.putProperty(scope, "Request", new NativeJavaClass(scope, FakeRequest.class));
        }
        if (bound("print")) {
            ScriptableObject.putProperty(scope, "print", new BaseFunction() {
                @Override
                public Object call(Context c, Scriptable s, Scriptable thisObj, Object[] args) {
                    StringBuilder b = new StringBuilder();
                    for (int k = 0; k < args.length; k++) {
                        b.append(k == 0 ? "" : " ").append(Context.toString(args[k]));
                    }
                    prints.add(b.toString());
                    return org.mozilla.javascript.Undefined.instance;
                }
            });
        }
        Scriptable properties = cx.newObject(scope);
        Element props = Bundle.child(policy, "Properties");
        if (props != null) {
            for (Element p : Bundle.children(props, "Property")) {
                ScriptableObject.putProperty(properties, p.getAttribute("name"), p.getTextContent());
            }
        }
        ScriptableObject.putProperty(scope, "properties", properties);
        List<String> urls = new ArrayList<String>();
        for (Element inc : Bundle.children(policy, "IncludeURL")) {
            urls.add(Bundle.textOf(inc));
        }
        urls.add(Bundle.path(policy, "ResourceURL"));
        // Compiled before the clock starts, as Apigee compiles a revision's scripts when it deploys it.
        List<org.mozilla.javascript.Script> compiled = new ArrayList<org.mozilla.javascript.Script>();
        for (String url : urls) {
            Map<String, Object> spec = new LinkedHashMap<String, Object>();
            spec.put("name", url);
            spec.put("source", env.bundle.resource(url));
            compiled.add(env.scripts.get(cx, spec));
        }
        long t0 = System.nanoTime();
        ScriptDeadline.start(name, limit);
        try {
            for (org.mozilla.javascript.Script script : compiled) {
                script.exec(cx, scope);
            }
            if (env.pending.equals("hold")) {
                while (env.http.hasPending() && ScriptDeadline.remainingMs() > 0) {
                    Thread.sleep(2);
                }
            }
            if ((System.nanoTime() - t0) / 1000000L > limit || (env.pending.equals("hold") && env.http.hasPending())) {
                throw ScriptDeadline.exceeded();
            }
        } finally {
            ScriptDeadline.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private void kvm(Element policy) {
        String map = policy.getAttribute("mapIdentifier");
        Map<String, Object> entries = env.kvm == null ? null : (Map<String, Object>) env.kvm.get(map);
        if (entries == null) {
            throw new IllegalStateException("KeyValueMap " + map + " does not exist in the environment");
        }
        for (Element get : Bundle.children(policy, "Get")) {
            Object value = entries.get(Bundle.path(get, "Key", "Parameter"));
            if (value != null) {
                context.setVariable(get.getAttribute("assignTo"), value);
            }
        }
    }

    private String cacheKey(Element policy) {
        return Bundle.path(policy, "CacheKey", "Prefix") + "__" + Bundle.path(policy, "CacheKey", "KeyFragment");
    }

    private void lookupCache(Element policy) {
        Object[] hit = env.cache.get(cacheKey(policy));
        if (hit != null && (Long) hit[1] > System.currentTimeMillis()) {
            context.setVariable(Bundle.path(policy, "AssignTo"), hit[0]);
        }
    }

    private void populateCache(Element policy) {
        Object value = context.getVariable(Bundle.path(policy, "Source"));
        if (value == null) {
            throw new IllegalStateException("PopulateCache source variable " + Bundle.path(policy, "Source") + " is not set");
        }
        long seconds = Long.parseLong(Bundle.path(policy, "ExpirySettings", "TimeoutInSeconds"));
        env.cache.put(cacheKey(policy), new Object[] {String.valueOf(value), Long.valueOf(System.currentTimeMillis() + seconds * 1000)});
    }

    private void raiseFault(Element policy) {
        Element set = Bundle.child(Bundle.child(policy, "FaultResponse"), "Set");
        Element payload = Bundle.child(set, "Payload");
        Matcher m = TEMPLATE.matcher(payload.getTextContent());
        StringBuffer body = new StringBuffer();
        while (m.find()) {
            Object v = context.getVariable(m.group(1));
            m.appendReplacement(body, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
        }
        m.appendTail(body);
        fault = new LinkedHashMap<String, Object>();
        fault.put("policy", policy.getAttribute("name"));
        fault.put("status", Long.valueOf(Bundle.path(set, "StatusCode")));
        fault.put("reason", Bundle.path(set, "ReasonPhrase"));
        fault.put("contentType", payload.getAttribute("contentType"));
        fault.put("body", body.toString());
    }
}
