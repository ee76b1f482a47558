// Fake of Akana's operational-script context interface (JVM side of the Rhino test harness), bound as `messageContext`.
package com.soa.message.handler.script;

import com.soa.message.script.Exchange;
import com.soa.message.script.Message;
import java.util.Set;

/** Exactly the methods of Akana's javadoc (8.2 to 2021). */
public interface MessageContext {
    Message getMessage();

    Exchange getExchange();

    /** 0 IN (request), 1 OUT (response), 2 FAULT. */
    int getParameterType();

    String getMessageName();

    Object getProperty(String name);

    void setProperty(String name, Object property);

    /** Live set: removing a name deletes the property; adding is unsupported. */
    Set<String> getPropertyNames();

    boolean isMessageReadOnly();

    boolean isConsumer();

    boolean isProvider();
}
