// Fake of Akana's checked exception (JVM side of the Rhino test harness): what Akana's script API methods declare.
package com.digev.fw.exception;

/** Akana's framework exception; the javadoc only shows it in throws clauses, so just message and cause. */
public class GException extends Exception {
    private static final long serialVersionUID = 1L;

    public GException(String message) {
        super(message);
    }

    public GException(String message, Throwable cause) {
        super(message, cause);
    }
}
