// The running Javascript step's timeLimit, per thread (JVM side of the Apigee emulator).
package fake.apigee;

final class ScriptDeadline {
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<long[]>();
    private static final ThreadLocal<String> POLICY = new ThreadLocal<String>();

    private ScriptDeadline() {
    }

    static void start(String policy, long limitMs) {
        DEADLINE.set(new long[] {System.nanoTime() + limitMs * 1000000L, limitMs});
        POLICY.set(policy);
    }

    static void clear() {
        DEADLINE.remove();
        POLICY.remove();
    }

    /** Milliseconds left; a large number outside a Javascript step. */
    static long remainingMs() {
        long[] d = DEADLINE.get();
        return d == null ? Long.MAX_VALUE / 4 : Math.max(0, (d[0] - System.nanoTime()) / 1000000L);
    }

    static TimeLimitExceeded exceeded() {
        long[] d = DEADLINE.get();
        return new TimeLimitExceeded(POLICY.get(), d == null ? 0 : d[1]);
    }
}
