// The `httpClient` of the fake Apigee host (JVM side of the Apigee emulator): send(request) starts a real HTTP call on a thread and returns its exchange at once.
package fake.apigee;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The call goes over java.net.HttpURLConnection (keep-alive; the body is always read to its end)
 * with the platform's own connect and read timeouts, which the script cannot set: only its wait is
 * bounded. Every send is recorded, with the thread it ran on and how it ended.
 */
public final class FakeHttpClient {
    /** Apigee's platform limits on a callout, as the fake has them (longer than any sideband wait). */
    private static final int CONNECT_TIMEOUT_MS = 3000;
    private static final int READ_TIMEOUT_MS = 10000;

    static final class Result {
        int status;
        String body;
        Map<String, String> headers = new LinkedHashMap<String, String>();
        String error;
    }

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "apigee-callout");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<Result>> pending = Collections.synchronizedList(new ArrayList<Future<Result>>());
    private final List<Object> sends = Collections.synchronizedList(new ArrayList<Object>());
    private String statusShape = "object";
    private boolean waitThrows;

    void configure(String statusShape, boolean waitThrows) {
        this.statusShape = statusShape;
        this.waitThrows = waitThrows;
    }

    public FakeExchange send(FakeRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("httpClient.send needs a Request");
        }
        final Map<String, Object> rec = new LinkedHashMap<String, Object>();
        rec.put("url", request.url);
        rec.put("method", request.method);
        rec.put("headers", new LinkedHashMap<String, Object>(request.headers));
        rec.put("body", request.body);
        rec.put("status", null);
        rec.put("error", null);
        rec.put("completedMicros", null);
        sends.add(rec);
        final long t0 = System.nanoTime();
        Future<Result> future = pool.submit(() -> {
            Result r = post(request);
            synchronized (rec) {
                rec.put("status", r.error == null ? Long.valueOf(r.status) : null);
                rec.put("error", r.error);
                rec.put("completedMicros", Long.valueOf((System.nanoTime() - t0) / 1000));
            }
            return r;
        });
        pending.add(future);
        return new FakeExchange(future, statusShape, waitThrows);
    }

    /** The sends since the last call, and forgets them. */
    List<Object> takeSends() {
        synchronized (sends) {
            List<Object> out = new ArrayList<Object>(sends);
            sends.clear();
            return out;
        }
    }

    /** Waits for every call still running (background sends of async mode), at most timeoutMs in all. */
    void drain(long timeoutMs) {
        long end = System.nanoTime() + timeoutMs * 1000000L;
        List<Future<Result>> all;
        synchronized (pending) {
            all = new ArrayList<Future<Result>>(pending);
            pending.clear();
        }
        for (Future<Result> f : all) {
            try {
                f.get(Math.max(1, (end - System.nanoTime()) / 1000000L), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Recorded by the task itself, or still running at the end: the record says so.
            }
        }
    }

    /** Whether any call is still running. */
    boolean hasPending() {
        synchronized (pending) {
            for (Future<Result> f : pending) {
                if (!f.isDone()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Result post(FakeRequest request) {
        Result r = new Result();
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(request.url).openConnection(Proxy.NO_PROXY);
            c.setRequestMethod(request.method);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            for (Map.Entry<String, String> h : request.headers.entrySet()) {
                c.setRequestProperty(h.getKey(), h.getValue());
            }
            byte[] body = request.body == null ? new byte[0] : request.body.getBytes(StandardCharsets.UTF_8);
            if (!request.method.equals("GET")) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream os = c.getOutputStream()) {
                    os.write(body);
                }
            }
            r.status = c.getResponseCode();
            if (r.status < 0) {
                throw new IOException("Invalid HTTP response");
            }
            InputStream is = r.status >= 400 ? c.getErrorStream() : c.getInputStream();
            r.body = is == null ? "" : new String(readAll(is), StandardCharsets.UTF_8);
            for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
                if (e.getKey() != null) {
                    r.headers.put(e.getKey(), String.join(", ", e.getValue()));
                }
            }
        } catch (IOException | RuntimeException e) {
            r.error = e.toString();
        }
        return r;
    }

    private static byte[] readAll(InputStream is) throws IOException {
        try (InputStream in = is) {
            return in.readAllBytes();
        }
    }
}
