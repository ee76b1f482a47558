// Fake Akana `msgrService` (JVM side of the Rhino test harness): exchange factories and the one Messenger.
package fake.akana;

import com.soa.message.script.Exchange;
import com.soa.messenger.script.ExchangeFactory;
import com.soa.messenger.script.Messenger;
import com.soa.messenger.script.MessengerService;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.namespace.QName;

class FakeMessengerServiceImpl implements MessengerService {
    private static final AtomicLong COUNTER = new AtomicLong();
    private final FakeMessengerImpl messenger;

    FakeMessengerServiceImpl(FakeMessengerImpl messenger) {
        this.messenger = messenger;
    }

    public Messenger getMessenger() {
        return messenger;
    }

    public ExchangeFactory createExchangeFactory() {
        return new Factory(null, null);
    }

    public ExchangeFactory createExchangeFactory(String serviceName) {
        return new Factory(serviceName == null ? null : QName.valueOf(serviceName), null);
    }

    public ExchangeFactory createExchangeFactory(QName serviceName) {
        return new Factory(serviceName, null);
    }

    public ExchangeFactory createExchangeFactory(String serviceName, String endpointName) {
        return new Factory(serviceName == null ? null : QName.valueOf(serviceName), endpointName);
    }

    public ExchangeFactory createExchangeFactory(QName serviceName, String endpointName) {
        return new Factory(serviceName, endpointName);
    }

    /** Package-private so scripts see only the ExchangeFactory interface. */
    static final class Factory implements ExchangeFactory {
        private final QName service;
        private final String endpoint;

        Factory(QName service, String endpoint) {
            this.service = service;
            this.endpoint = endpoint;
        }

        public Exchange createInOnly() {
            return make(FakeExchangeImpl.IN_ONLY);
        }

        public Exchange createInOut() {
            return make(FakeExchangeImpl.IN_OUT);
        }

        private Exchange make(String pattern) {
            FakeExchangeImpl ex = new FakeExchangeImpl("fake-msgr-" + COUNTER.incrementAndGet(), pattern);
            ex.setServiceName(service);
            ex.setEndpointName(endpoint);
            return ex;
        }
    }
}
