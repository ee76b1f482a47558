// Fake Akana `msgFactory` (JVM side of the Rhino test harness).
package fake.akana;

import com.soa.message.script.Message;
import com.soa.message.script.MessageFactory;

class FakeMessageFactoryImpl implements MessageFactory {
    public Message create() {
        return new FakeMessageImpl(null, null, false);
    }

    public Message create(String contentType) {
        return new FakeMessageImpl(null, contentType, false);
    }

    public Message createNormalized() {
        return new FakeMessageImpl(null, "text/xml", true);
    }
}
