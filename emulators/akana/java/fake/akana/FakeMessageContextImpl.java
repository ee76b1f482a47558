// Fake Akana `messageContext` (JVM side of the Rhino test harness): the message being handled and its exchange.
package fake.akana;

import com.soa.message.handler.script.MessageContext;
import com.soa.message.script.Exchange;
import com.soa.message.script.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Package-private so scripts see only the MessageContext interface. */
class FakeMessageContextImpl implements MessageContext {
    private final Message message;
    private final Exchange exchange;
    private final int parameterType;
    private final boolean provider;
    private final boolean readOnly;
    private final Map<String, Object> properties = new LinkedHashMap<String, Object>();

    FakeMessageContextImpl(Message message, Exchange exchange, int parameterType, boolean provider, boolean readOnly) {
        this.message = message;
        this.exchange = exchange;
        this.parameterType = parameterType;
        this.provider = provider;
        this.readOnly = readOnly;
    }

    public Message getMessage() {
        return message;
    }

    public Exchange getExchange() {
        return exchange;
    }

    public int getParameterType() {
        return parameterType;
    }

    /** WSDL message name: the fake has no WSDL. */
    public String getMessageName() {
        return null;
    }

    public Object getProperty(String name) {
        return properties.get(name);
    }

    public void setProperty(String name, Object property) {
        properties.put(name, property);
    }

    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    /** Reported only: the fake does not enforce read-only messages. */
    public boolean isMessageReadOnly() {
        return readOnly;
    }

    public boolean isConsumer() {
        return !provider;
    }

    public boolean isProvider() {
        return provider;
    }

    Map<String, Object> properties() {
        return properties;
    }
}
