// Thrown when a Javascript step runs past its timeLimit (JVM side of the Apigee emulator): a java.lang.Error, so the script cannot catch it, as Apigee aborts the script.
package fake.apigee;

final class TimeLimitExceeded extends Error {
    private static final long serialVersionUID = 1L;

    TimeLimitExceeded(String policy, long limitMs) {
        super("Execution of " + policy + " exceeded its timeLimit of " + limitMs + " ms");
    }
}
