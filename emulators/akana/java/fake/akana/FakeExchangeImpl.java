// Fake Akana exchange (JVM side of the Rhino test harness): properties and in/out/fault slots of one invocation.
package fake.akana;

import com.digev.fw.exception.GException;
import com.soa.message.script.Exchange;
import com.soa.message.script.Message;
import java.util.Map;
import javax.xml.namespace.QName;

/** Package-private so scripts see only the Exchange interface. */
class FakeExchangeImpl extends FakePropertyHolder implements Exchange {
    static final int ACTIVE = 0;
    static final int DONE = 1;
    static final int ERROR = 2;
    static final String IN_OUT = "IN_OUT";
    static final String IN_ONLY = "IN_ONLY";

    private final String id;
    private final String pattern;
    private int status = ACTIVE;
    private QName serviceName;
    private QName interfaceName;
    private String operationName;
    private String endpointName;
    private String binding;
    private Message in;
    private Message out;
    private Message fault;

    FakeExchangeImpl(String id, String pattern) {
        this.id = id;
        this.pattern = pattern;
    }

    public String getExchangeID() {
        return id;
    }

    public QName getServiceName() {
        return serviceName;
    }

    public void setServiceName(QName name) {
        this.serviceName = name;
    }

    public void setServiceName(String name) {
        this.serviceName = name == null ? null : QName.valueOf(name);
    }

    public QName getInterfaceName() {
        return interfaceName;
    }

    public void setInterfaceName(QName name) {
        this.interfaceName = name;
    }

    public void setInterfaceName(String name) {
        this.interfaceName = name == null ? null : QName.valueOf(name);
    }

    public String getOperationName() {
        return operationName;
    }

    public void setOperationName(String name) {
        this.operationName = name;
    }

    public String getEndpointName() {
        return endpointName;
    }

    public void setEndpointName(String name) {
        this.endpointName = name;
    }

    public String getBinding() {
        return binding;
    }

    public int getStatus() {
        return status;
    }

    public String getPattern() {
        return pattern;
    }

    public boolean isAsync() {
        return false;
    }

    public Message getInMessage() {
        return in;
    }

    public Message getOutMessage() {
        return out;
    }

    public Message getFaultMessage() {
        return fault;
    }

    public void setInMessage(Message msg) throws GException {
        requireEmpty(in, "in");
        in = msg;
    }

    public void setOutMessage(Message msg) throws GException {
        requireEmpty(out, "out");
        out = msg;
    }

    public void setFaultMessage(Message msg) throws GException {
        requireEmpty(fault, "fault");
        fault = msg;
    }

    public Message createInMessage() throws GException {
        requireEmpty(in, "in");
        in = new FakeMessageImpl(null, null, false);
        return in;
    }

    public Message createOutputMessage() throws GException {
        requireEmpty(out, "out");
        out = new FakeMessageImpl(null, null, false);
        return out;
    }

    public Message createFaultMessage() throws GException {
        requireEmpty(fault, "fault");
        fault = new FakeMessageImpl(null, null, false);
        return fault;
    }

    private static void requireEmpty(Message slot, String name) throws GException {
        if (slot != null) {
            throw new GException("The " + name + " message of this exchange is already set");
        }
    }

    // Harness side: the gateway places messages and completes exchanges without the script API's checks.
    void place(int parameterType, Message msg) {
        if (parameterType == 0) {
            in = msg;
        } else if (parameterType == 1) {
            out = msg;
        } else {
            fault = msg;
        }
    }

    void complete(int newStatus) {
        status = newStatus;
    }

    void setBinding(String binding) {
        this.binding = binding;
    }

    Map<String, Object> properties() {
        return properties;
    }

    /** For --repeat: each run starts from the same exchange state (properties copied, messages shared). */
    FakeExchangeImpl copy() {
        FakeExchangeImpl c = new FakeExchangeImpl(id, pattern);
        c.status = status;
        c.serviceName = serviceName;
        c.interfaceName = interfaceName;
        c.operationName = operationName;
        c.endpointName = endpointName;
        c.binding = binding;
        c.properties.putAll(properties);
        c.in = in;
        c.out = out;
        c.fault = fault;
        return c;
    }
}
