// Fake of Akana's `msgrService` interface (JVM side of the Rhino test harness): outbound calls to registered services.
package com.soa.messenger.script;

import javax.xml.namespace.QName;

public interface MessengerService {
    Messenger getMessenger();

    ExchangeFactory createExchangeFactory();

    ExchangeFactory createExchangeFactory(String serviceName);

    ExchangeFactory createExchangeFactory(QName serviceName);

    ExchangeFactory createExchangeFactory(String serviceName, String endpointName);

    ExchangeFactory createExchangeFactory(QName serviceName, String endpointName);
}
