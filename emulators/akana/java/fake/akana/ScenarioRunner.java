// Runs one scenario's steps against the fake Akana host in one Rhino Context (JVM side of the Rhino test harness).
package fake.akana;

import com.soa.message.handler.script.ScriptProcessResult;
import com.soa.message.script.Headers;
import com.soa.message.script.Message;
import com.soa.security.script.SubjectMap;
import fake.jvm.RunnerSupport;
import fake.jvm.ScriptSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptableObject;

/**
 * Exchanges live for the whole scenario (keyed by the step's "exchange" id), so a request step and a
 * response step share one Exchange as in Akana. Every policy execution gets a fresh scope; the only state
 * shared between executions is what the JVM shares (statics, system properties).
 */
final class ScenarioRunner {
    static final String[] BINDINGS = {"messageContext", "result", "msgFactory", "msgrService", "auditLog", "systemLog"};

    private final Context cx;
    private final ScriptSource scripts;
    private final String profile;
    private final int defaultRepeat;
    private final Map<String, FakeExchangeImpl> exchanges = new LinkedHashMap<String, FakeExchangeImpl>();
    private final Map<String, Route> routes = new LinkedHashMap<String, Route>();
    private int auditThreshold = FakeLoggerImpl.DEBUG;
    private int systemThreshold = FakeLoggerImpl.DEBUG;

    ScenarioRunner(Context cx, ScriptSource scripts, String profile, int defaultRepeat) {
        this.cx = cx;
        this.scripts = scripts;
        this.profile = profile;
        this.defaultRepeat = defaultRepeat;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> run(Map<String, Object> scenario) {
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        out.put("name", scenario.get("name"));
        List<Object> stepResults = new ArrayList<Object>();
        out.put("error", null);
        out.put("steps", stepResults);
        try {
            Map<String, Object> rs = (Map<String, Object>) scenario.get("routes");
            if (rs != null) {
                for (Map.Entry<String, Object> e : rs.entrySet()) {
                    routes.put(e.getKey(), new Route(e.getKey(), (Map<String, Object>) e.getValue()));
                }
            }
            Map<String, Object> levels = (Map<String, Object>) scenario.get("logLevels");
            if (levels != null) {
                auditThreshold = FakeLoggerImpl.level((String) levels.get("auditLog"));
                systemThreshold = FakeLoggerImpl.level((String) levels.get("systemLog"));
            }
            List<Object> steps = (List<Object>) scenario.get("steps");
            if (steps == null) {
                throw new IllegalArgumentException("scenario needs steps");
            }
            for (int i = 0; i < steps.size(); i++) {
                stepResults.add(runStep((Map<String, Object>) steps.get(i), i));
            }
        } catch (Exception e) {
            // A harness or scenario mistake (not a script failure): reported, and the scenario stops.
            out.put("error", e.toString());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runStep(Map<String, Object> step, int index) throws Exception {
        String exchangeId = step.get("exchange") == null ? "main" : (String) step.get("exchange");
        int parameterType = step.get("parameterType") == null ? 0 : ((Number) step.get("parameterType")).intValue();
        if (parameterType < 0 || parameterType > 2) {
            throw new IllegalArgumentException("parameterType must be 0, 1 or 2");
        }
        int repeat = step.get("repeat") == null ? defaultRepeat : ((Number) step.get("repeat")).intValue();
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1");
        }
        Map<String, Object> bindings = step.get("bindings") == null
                ? new LinkedHashMap<String, Object>() : (Map<String, Object>) step.get("bindings");
        for (Map.Entry<String, Object> b : bindings.entrySet()) {
            if (!java.util.Arrays.asList(BINDINGS).contains(b.getKey())) {
                throw new IllegalArgumentException("unknown binding " + b.getKey());
            }
            if (!java.util.Arrays.asList("bound", "null", "absent").contains(b.getValue())) {
                throw new IllegalArgumentException("binding mode must be bound, null or absent: " + b.getValue());
            }
        }
        List<Object> scriptSpecs = (List<Object>) step.get("scripts");
        if (scriptSpecs == null || scriptSpecs.isEmpty()) {
            throw new IllegalArgumentException("step " + index + " needs scripts");
        }

        // Compiling is the gateway's activation work: done before the clock starts, errors reported as the step's.
        List<Script> compiled = new ArrayList<Script>();
        Throwable compileError = null;
        for (Object spec : scriptSpecs) {
            try {
                compiled.add(scripts.get(cx, spec));
            } catch (RhinoException e) {
                compileError = e;
                break;
            }
        }

        FakeExchangeImpl base = exchanges.get(exchangeId);
        List<Object> runMicros = new ArrayList<Object>();
        Map<String, Object> last = null;
        FakeExchangeImpl ex = null;
        for (int run = 0; run < repeat; run++) {
            ex = base != null ? (repeat > 1 ? base.copy() : base) : newExchange(exchangeId, (Map<String, Object>) step.get("exchangeSetup"));
            Map<String, Object> props = (Map<String, Object>) step.get("exchangeProperties");
            if (props != null) {
                for (Map.Entry<String, Object> e : props.entrySet()) {
                    ex.setProperty(e.getKey(), javaValue(e.getValue()));
                }
            }
            Message msg = presentedMessage(step, ex, parameterType);
            ex.place(parameterType, msg);
            last = execute(step, compiled, compileError, ex, msg, parameterType, bindings);
            runMicros.add(last.get("micros"));
        }
        exchanges.put(exchangeId, ex);

        Map<String, Object> r = new LinkedHashMap<String, Object>();
        r.put("name", step.get("name") == null ? "step " + index : step.get("name"));
        r.put("exchange", exchangeId);
        r.put("parameterType", Long.valueOf(parameterType));
        r.putAll(last);
        r.put("runMicros", runMicros);
        return r;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> execute(Map<String, Object> step, List<Script> compiled, Throwable compileError,
            FakeExchangeImpl ex, Message msg, int parameterType, Map<String, Object> bindings) {
        List<Object> logs = new ArrayList<Object>();
        List<Object> sends = new ArrayList<Object>();
        boolean provider = !"consumer".equals(step.get("role"));
        boolean readOnly = Boolean.TRUE.equals(step.get("messageReadOnly"));
        FakeMessageContextImpl context = new FakeMessageContextImpl(msg, ex, parameterType, provider, readOnly);
        Map<String, Object> ctxProps = (Map<String, Object>) step.get("contextProperties");
        if (ctxProps != null) {
            for (Map.Entry<String, Object> e : ctxProps.entrySet()) {
                context.setProperty(e.getKey(), javaValue(e.getValue()));
            }
        }
        ScriptProcessResult result = new ScriptProcessResult();
        Map<String, Object> host = new LinkedHashMap<String, Object>();
        host.put("messageContext", context);
        host.put("result", result);
        host.put("msgFactory", new FakeMessageFactoryImpl());
        host.put("msgrService", new FakeMessengerServiceImpl(new FakeMessengerImpl(routes, sends)));
        host.put("auditLog", new FakeLoggerImpl("auditLog", auditThreshold, logs));
        host.put("systemLog", new FakeLoggerImpl("systemLog", systemThreshold, logs));

        Throwable escaped = compileError;
        long t0 = System.nanoTime();
        long scriptNanos = 0;
        if (escaped == null) {
            try {
                ScriptableObject scope = RhinoSetup.freshScope(cx, profile);
                for (Map.Entry<String, Object> b : host.entrySet()) {
                    String mode = bindings.get(b.getKey()) == null ? "bound" : (String) bindings.get(b.getKey());
                    if (mode.equals("bound")) {
                        // What JSR-223's engine.put(name, obj) amounts to.
                        ScriptableObject.putProperty(scope, b.getKey(), Context.javaToJS(b.getValue(), scope));
                    } else if (mode.equals("null")) {
                        ScriptableObject.putProperty(scope, b.getKey(), null);
                    }
                }
                long s0 = System.nanoTime();
                try {
                    for (Script s : compiled) {
                        s.exec(cx, scope);
                    }
                } finally {
                    scriptNanos = System.nanoTime() - s0;
                }
            } catch (Throwable t) {
                escaped = t;
            }
        }
        long micros = (System.nanoTime() - t0) / 1000;

        Map<String, Object> r = new LinkedHashMap<String, Object>();
        r.put("success", result.isSuccess());
        r.put("exception", escaped == null ? null : Snapshots.exception(escaped));
        r.put("logs", logs);
        r.put("exchangeId", ex.getExchangeID());
        r.put("exchangeStatus", Long.valueOf(ex.getStatus()));
        r.put("exchangeProperties", Snapshots.values(ex.properties()));
        r.put("exchangePropertyTypes", Snapshots.types(ex.properties()));
        r.put("contextProperties", Snapshots.values(context.properties()));
        r.put("message", Snapshots.message(msg));
        r.put("in", Snapshots.message(ex.getInMessage()));
        r.put("out", Snapshots.message(ex.getOutMessage()));
        r.put("fault", Snapshots.message(ex.getFaultMessage()));
        r.put("sends", sends);
        r.put("micros", Long.valueOf(micros));
        r.put("scriptMicros", Long.valueOf(scriptNanos / 1000));
        return r;
    }

    private FakeExchangeImpl newExchange(String id, Map<String, Object> setup) {
        FakeExchangeImpl ex = new FakeExchangeImpl("fake-exchange-" + id, FakeExchangeImpl.IN_OUT);
        if (setup != null) {
            if (setup.get("serviceName") != null) {
                ex.setServiceName((String) setup.get("serviceName"));
            }
            if (setup.get("interfaceName") != null) {
                ex.setInterfaceName((String) setup.get("interfaceName"));
            }
            ex.setOperationName((String) setup.get("operationName"));
            ex.setEndpointName((String) setup.get("endpointName"));
            ex.setBinding((String) setup.get("binding"));
        }
        return ex;
    }

    /** The step's message, or (when the step gives none) the message already in the slot, or an empty one. */
    @SuppressWarnings("unchecked")
    static Message presentedMessage(Map<String, Object> step, FakeExchangeImpl ex, int parameterType) throws Exception {
        Map<String, Object> spec = (Map<String, Object>) step.get("message");
        if (spec == null) {
            Message existing = parameterType == 0 ? ex.getInMessage() : parameterType == 1 ? ex.getOutMessage() : ex.getFaultMessage();
            return existing != null ? existing : new FakeMessageImpl(null, null, false);
        }
        List<Object> headerList = (List<Object>) spec.get("headers");
        String contentType = (String) spec.get("contentType");
        Headers headers = null;
        if (headerList != null) {
            // Repeated names become one header whose value joins them with ", ", first spelling kept.
            Map<String, String> names = new LinkedHashMap<String, String>();
            Map<String, String> joined = new LinkedHashMap<String, String>();
            for (Object o : headerList) {
                List<Object> pair = (List<Object>) o;
                String n = (String) pair.get(0);
                String v = (String) pair.get(1);
                String k = n.toLowerCase(Locale.ROOT);
                if (!names.containsKey(k)) {
                    names.put(k, n);
                    joined.put(k, v);
                } else {
                    joined.put(k, joined.get(k) + ", " + v);
                }
            }
            headers = new Headers();
            for (Map.Entry<String, String> e : names.entrySet()) {
                headers.add(e.getValue(), joined.get(e.getKey()));
            }
            if (contentType == null && headers.get("Content-Type") != null) {
                contentType = headers.get("Content-Type").getValue();
            }
        }
        FakeMessageImpl m = new FakeMessageImpl((String) spec.get("id"), contentType, false);
        m.setTransportHeaders(headers);
        if (spec.get("content") != null) {
            m.setStringContent((String) spec.get("content"));
        }
        Map<String, Object> props = (Map<String, Object>) spec.get("properties");
        if (props != null) {
            for (Map.Entry<String, Object> e : props.entrySet()) {
                m.setProperty(e.getKey(), javaValue(e.getValue()));
            }
        }
        Map<String, Object> subjects = (Map<String, Object>) spec.get("securitySubjects");
        if (subjects != null) {
            SubjectMap sm = new SubjectMap();
            for (Map.Entry<String, Object> e : subjects.entrySet()) {
                sm.put(e.getKey(), new FakeSubjectImpl((String) e.getValue()));
            }
            m.installSubjects(sm);
        }
        return m;
    }

    /** JSON integers become Integer (Long when too big), other numbers Double, strings String. */
    static Object javaValue(Object v) {
        return RunnerSupport.javaValue(v);
    }
}
