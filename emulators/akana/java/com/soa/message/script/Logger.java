// Fake of Akana's script Logger (JVM side of the Rhino test harness), bound as `auditLog` and `systemLog`.
package com.soa.message.script;

/**
 * Akana's interface extends com.soa.log.Logger, whose own methods are not documented; the fake has only the
 * documented ones. There is deliberately NO info(): a script calling it fails, as on Akana.
 */
public interface Logger {
    void debug(String text);

    void warn(String text);

    void error(String text);

    boolean isDebugEnabled();

    boolean isWarnEnabled();

    boolean isErrorEnabled();
}
