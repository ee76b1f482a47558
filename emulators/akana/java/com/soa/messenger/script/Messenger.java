// Fake of Akana's Messenger interface (JVM side of the Rhino test harness): synchronous sends of exchanges.
package com.soa.messenger.script;

import com.digev.fw.exception.GException;
import com.soa.message.script.Exchange;

public interface Messenger {
    /** Synchronous; service, interface and operation are required; throws when delivery fails. */
    void send(Exchange exchange) throws GException;

    void send(Exchange exchange, boolean audit) throws GException;
}
