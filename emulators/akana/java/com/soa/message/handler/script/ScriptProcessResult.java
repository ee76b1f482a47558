// Fake of Akana's `result` variable (JVM side of the Rhino test harness): whether processing continues.
package com.soa.message.handler.script;

/**
 * Undocumented in Akana's javadoc; the 2018.0.0 release notes describe isSuccess() returning a Boolean and
 * setSuccess(Boolean). Boxed on purpose: Rhino wraps a returned java.lang.Boolean as a Java object, so
 * `if (result.isSuccess())` is always truthy in a script, as it would be on Akana if the type is Boolean.
 * The default (true: continue) is an assumption.
 */
public class ScriptProcessResult {
    private Boolean success = Boolean.TRUE;

    public Boolean isSuccess() {
        return success;
    }

    public void setSuccess(Boolean status) {
        this.success = status;
    }
}
