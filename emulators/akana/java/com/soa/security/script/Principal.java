// Fake of Akana's script Principal interface (JVM side of the Rhino test harness): an authenticated identity.
package com.soa.security.script;

public interface Principal {
    String getName();
}
