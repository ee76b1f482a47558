// Fake of Akana's binary security token credential (JVM side of the Rhino test harness).
package com.soa.security.script;

public class BST {
    private String type;
    private byte[] value;

    private BST(String type) {
        this.type = type;
    }

    public static BST create(String type) {
        return new BST(type);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public byte[] getValue() {
        return value;
    }

    public void setValue(byte[] value) {
        this.value = value;
    }
}
