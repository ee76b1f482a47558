// Fake of Akana's `msgFactory` interface (JVM side of the Rhino test harness).
package com.soa.message.script;

public interface MessageFactory {
    Message create();

    Message create(String contentType);

    Message createNormalized();
}
