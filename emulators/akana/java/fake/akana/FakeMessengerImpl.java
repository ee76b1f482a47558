// Fake Akana Messenger (JVM side of the Rhino test harness): POSTs exchanges to registered services over real HTTP.
package fake.akana;

import com.digev.fw.exception.GException;
import com.soa.message.script.Exchange;
import com.soa.message.script.Header;
import com.soa.message.script.Headers;
import com.soa.message.script.Message;
import com.soa.messenger.script.Messenger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * send() resolves service + operation through the scenario's routing table, POSTs the in message with
 * java.net.HttpURLConnection (keep-alive: the body is always read to the end), and fills the out message
 * with the body, the Content-Type, the response headers and the property `http.status.code.property`
 * (an Integer by default, a String when the route says statusType "string"). Failures throw GException.
 * Every call is recorded for the test's assertions. A route whose baseUrl is "inproc:STATUS" answers
 * STATUS with a small JSON body without any HTTP, so benchmarks can time the script without the network.
 */
class FakeMessengerImpl implements Messenger {
    static final String STATUS_PROPERTY = "http.status.code.property";
    private static final String INPROC_TYPE = "application/json; charset=utf-8";
    private static final byte[] INPROC_ANSWER = "{\"message\":\"allowed\"}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, Route> routes;
    private final List<Object> sends;

    FakeMessengerImpl(Map<String, Route> routes, List<Object> sends) {
        this.routes = routes;
        this.sends = sends;
    }

    public void send(Exchange exchange) throws GException {
        deliver(exchange, (Boolean) null);
    }

    public void send(Exchange exchange, boolean audit) throws GException {
        deliver(exchange, Boolean.valueOf(audit));
    }

    private void deliver(Exchange exchange, Boolean audit) throws GException {
        long t0 = System.nanoTime();
        Map<String, Object> rec = new LinkedHashMap<String, Object>();
        rec.put("service", exchange == null || exchange.getServiceName() == null ? null : exchange.getServiceName().toString());
        rec.put("interfaceName", exchange == null || exchange.getInterfaceName() == null ? null : exchange.getInterfaceName().toString());
        rec.put("operation", exchange == null ? null : exchange.getOperationName());
        rec.put("endpoint", exchange == null ? null : exchange.getEndpointName());
        rec.put("pattern", exchange == null ? null : exchange.getPattern());
        rec.put("audit", audit);
        rec.put("thread", Thread.currentThread().getName());
        rec.put("url", null);
        rec.put("requestHeaders", null);
        rec.put("contentType", null);
        rec.put("body", null);
        rec.put("status", null);
        rec.put("responseBody", null);
        rec.put("exception", null);
        sends.add(rec);
        try {
            post(exchange, rec);
        } catch (GException e) {
            Map<String, Object> ex = new LinkedHashMap<String, Object>();
            ex.put("class", e.getClass().getName());
            ex.put("message", e.getMessage());
            rec.put("exception", ex);
            if (exchange instanceof FakeExchangeImpl && exchange.getStatus() == FakeExchangeImpl.ACTIVE) {
                ((FakeExchangeImpl) exchange).complete(FakeExchangeImpl.ERROR);
            }
            throw e;
        } finally {
            rec.put("micros", Long.valueOf((System.nanoTime() - t0) / 1000));
        }
    }

    private void post(Exchange exchange, Map<String, Object> rec) throws GException {
        if (!(exchange instanceof FakeExchangeImpl)) {
            throw new GException("Not an exchange created by this messenger service");
        }
        FakeExchangeImpl ex = (FakeExchangeImpl) exchange;
        if (ex.getStatus() != FakeExchangeImpl.ACTIVE) {
            throw new GException("Exchange " + ex.getExchangeID() + " is no longer active (status " + ex.getStatus() + ")");
        }
        if (ex.getServiceName() == null || ex.getInterfaceName() == null || ex.getOperationName() == null) {
            throw new GException("Service, interface and operation names are required to send an exchange");
        }
        Route route = findRoute(ex);
        String path = route.operations.get(ex.getOperationName());
        if (path == null) {
            throw new GException("Operation " + ex.getOperationName() + " not found on service " + ex.getServiceName());
        }
        Message in = ex.getInMessage();
        if (in == null) {
            throw new GException("The exchange has no in message");
        }
        String url = route.baseUrl + path;
        rec.put("url", url);
        byte[] body = in.getContent();
        if (body == null) {
            body = new byte[0];
        }
        rec.put("body", new String(body, StandardCharsets.UTF_8));
        rec.put("contentType", in.getContentType());
        List<Object> sentHeaders = new ArrayList<Object>();
        rec.put("requestHeaders", sentHeaders);

        if (route.inprocStatus > 0) {
            // No socket: the answer a loopback ASE would give, so only the script and host objects are timed.
            Headers hs = in.getTransportHeaders();
            if (hs != null) {
                for (Header h : hs.getArray()) {
                    sentHeaders.add(pair(h.getName(), h.getValue()));
                }
            }
            Headers rh = new Headers();
            rh.add("Content-Type", INPROC_TYPE);
            answer(ex, route, rec, route.inprocStatus, INPROC_ANSWER, INPROC_TYPE, rh);
            return;
        }
        HttpURLConnection c;
        int status;
        byte[] response;
        try {
            c = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(route.connectTimeoutMs);
            c.setReadTimeout(route.readTimeoutMs);
            Headers hs = in.getTransportHeaders();
            if (hs != null) {
                for (Header h : hs.getArray()) {
                    c.setRequestProperty(h.getName(), h.getValue());
                    sentHeaders.add(pair(h.getName(), h.getValue()));
                }
            }
            if (in.getContentType() != null) {
                c.setRequestProperty("Content-Type", in.getContentType());
            }
            c.setFixedLengthStreamingMode(body.length);
            OutputStream os = c.getOutputStream();
            try {
                os.write(body);
            } finally {
                os.close();
            }
            status = c.getResponseCode();
            if (status < 0) {
                throw new IOException("Invalid HTTP response");
            }
            InputStream is = status >= 400 ? c.getErrorStream() : c.getInputStream();
            response = readFully(is);
        } catch (IOException | RuntimeException e) {
            throw new GException("Failed to deliver the exchange to " + ex.getServiceName() + " operation "
                    + ex.getOperationName() + ": " + e, e);
        }
        Headers rh = new Headers();
        for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
            if (e.getKey() != null) {
                rh.add(e.getKey(), String.join(", ", e.getValue()));
            }
        }
        answer(ex, route, rec, status, response, c.getContentType(), rh);
    }

    /** Records the answer and completes the exchange with it (out message, or fault per the route). */
    private static void answer(FakeExchangeImpl ex, Route route, Map<String, Object> rec, int status, byte[] response,
            String contentType, Headers rh) throws GException {
        rec.put("status", Integer.valueOf(status));
        rec.put("responseBody", new String(response, StandardCharsets.UTF_8));

        if (FakeExchangeImpl.IN_ONLY.equals(ex.getPattern())) {
            ex.complete(FakeExchangeImpl.DONE);
            return;
        }
        FakeMessageImpl out = new FakeMessageImpl(null, contentType, false);
        out.setContent(response);
        out.setProperty(STATUS_PROPERTY, route.statusAsString ? (Object) String.valueOf(status) : (Object) Integer.valueOf(status));
        out.setTransportHeaders(rh);
        if (status >= 400 && route.errorStatusAsFault) {
            ex.place(2, out);
            ex.complete(FakeExchangeImpl.ERROR);
        } else {
            ex.place(1, out);
            ex.complete(FakeExchangeImpl.DONE);
        }
    }

    private Route findRoute(FakeExchangeImpl ex) throws GException {
        for (Route r : routes.values()) {
            if (r.service.equals(ex.getServiceName())) {
                if (r.interfaceName != null && !r.interfaceName.equals(ex.getInterfaceName())) {
                    throw new GException("Interface " + ex.getInterfaceName() + " not found on service " + ex.getServiceName());
                }
                return r;
            }
        }
        throw new GException("Service " + ex.getServiceName() + " is not registered");
    }


    private static List<Object> pair(String a, String b) {
        List<Object> p = new ArrayList<Object>();
        p.add(a);
        p.add(b);
        return p;
    }

    /** The whole stream (empty when there is none), closed afterwards: keep-alive needs the body read to its end. */
    private static byte[] readFully(InputStream is) throws IOException {
        if (is == null) {
            return new byte[0];
        }
        try (InputStream in = is) {
            return in.readAllBytes();
        }
    }
}
