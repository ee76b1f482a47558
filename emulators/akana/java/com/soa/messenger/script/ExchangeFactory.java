// Fake of Akana's ExchangeFactory interface (JVM side of the Rhino test harness).
package com.soa.messenger.script;

import com.soa.message.script.Exchange;

public interface ExchangeFactory {
    /** Expects no response. */
    Exchange createInOnly();

    /** Expects a response. */
    Exchange createInOut();
}
