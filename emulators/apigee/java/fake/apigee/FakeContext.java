// The `context` object of the fake Apigee host (JVM side of the Apigee emulator): flow variables over the call's messages and a variable map.
package fake.apigee;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * getVariable reads request.*, response.* and client.* from the messages (values as Java objects:
 * String, Integer, java.util.Set, List), message.* from the flow's current message, anything else
 * from the variables the steps and scripts set. `flow` is the flow the policy runs in.
 */
public final class FakeContext {
    public final String flow;
    final FakeMessage request;
    final FakeMessage response;
    final String clientIp;
    final Integer clientPort;
    final Map<String, Object> variables;

    FakeContext(String flow, FakeMessage request, FakeMessage response, String clientIp, Integer clientPort, Map<String, Object> variables) {
        this.flow = flow;
        this.request = request;
        this.response = response;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.variables = variables;
    }

    private boolean inResponse() {
        return flow.endsWith("_RESP_FLOW");
    }

    public Object getVariable(String name) {
        if (name == null) {
            return null;
        }
        if (name.equals("client.ip")) {
            return clientIp;
        }
        if (name.equals("client.port")) {
            return clientPort;
        }
        Object derived = FakeMessage.NOT_MINE;
        if (name.startsWith("request.")) {
            derived = request.variable(name.substring("request.".length()), true);
        } else if (name.startsWith("response.") && response != null) {
            derived = response.variable(name.substring("response.".length()), false);
        } else if (name.startsWith("message.")) {
            FakeMessage current = inResponse() && response != null ? response : request;
            derived = current.variable(name.substring("message.".length()), current == request);
        }
        if (derived != FakeMessage.NOT_MINE) {
            return derived;
        }
        return variables.get(name);
    }

    /** Values are stored as Java strings, numbers or booleans, as Apigee keeps them. */
    public void setVariable(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("setVariable needs a name");
        }
        variables.put(name, Values.toJava(value));
    }

    public void removeVariable(String name) {
        variables.remove(name);
    }

    /** Every variable set so far, for the step results. */
    Map<String, Object> snapshot() {
        return new LinkedHashMap<String, Object>(variables);
    }
}
