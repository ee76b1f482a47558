// Fake of Akana's transport header class (JVM side of the Rhino test harness).
package com.soa.message.script;

/** One header name with its value; repeated values are already joined with ", " by Headers. */
public class Header {
    private final String name;
    private final String value;

    Header(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    /** Multiple values of one header arrive joined into one string. */
    public String getValue() {
        return value;
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
