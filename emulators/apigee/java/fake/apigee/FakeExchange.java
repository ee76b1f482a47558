// The exchange httpClient.send returns in the fake Apigee host (JVM side of the Apigee emulator): a POST running on its own thread.
package fake.apigee;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * waitForComplete(ms) waits at most ms, and never past the running Javascript step's timeLimit:
 * there it throws TimeLimitExceeded (Apigee aborts the script). A wait that times out either
 * returns (isSuccess() and isError() both false; the default) or throws, as the scenario says.
 */
public final class FakeExchange {
    private final Future<FakeHttpClient.Result> future;
    private final String statusShape;
    private final boolean waitThrows;

    FakeExchange(Future<FakeHttpClient.Result> future, String statusShape, boolean waitThrows) {
        this.future = future;
        this.statusShape = statusShape;
        this.waitThrows = waitThrows;
    }

    boolean isDone() {
        return future.isDone();
    }

    public void waitForComplete() {
        waitForComplete(Long.MAX_VALUE / 2);
    }

    public void waitForComplete(long ms) {
        long limit = ScriptDeadline.remainingMs();
        long wait = Math.min(ms, limit);
        try {
            future.get(Math.max(0, wait), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (wait >= limit) {
                throw ScriptDeadline.exceeded();
            }
            if (waitThrows) {
                throw new IllegalStateException("waitForComplete timed out after " + ms + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Not thrown: the task records its failure in the Result.
        }
    }

    private FakeHttpClient.Result result() {
        if (!future.isDone()) {
            return null;
        }
        try {
            return future.get();
        } catch (Exception e) {
            return null;
        }
    }

    public boolean isComplete() {
        return future.isDone();
    }

    /** An HTTP answer arrived (any status). */
    public boolean isSuccess() {
        FakeHttpClient.Result r = result();
        return r != null && r.error == null;
    }

    public boolean isError() {
        FakeHttpClient.Result r = result();
        return r != null && r.error != null;
    }

    public String getError() {
        FakeHttpClient.Result r = result();
        return r == null ? null : r.error;
    }

    public FakeResponse getResponse() {
        FakeHttpClient.Result r = result();
        if (r == null || r.error != null) {
            return null;
        }
        return new FakeResponse(r.status, r.body, r.headers, statusShape);
    }

}
