// Fake of Akana's Name credential (JVM side of the Rhino test harness).
package com.soa.security.script;

public class Name {
    private String value;

    private Name(String value) {
        this.value = value;
    }

    public static Name create(String value) {
        return new Name(value);
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
