// Fake Akana message (JVM side of the Rhino test harness): content, properties, transport headers, subjects.
package fake.akana;

import com.digev.fw.exception.GException;
import com.soa.message.script.Headers;
import com.soa.message.script.Message;
import com.soa.security.script.SubjectMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Package-private on purpose: Rhino then reflects only the public interface (Message), so scripts see
 * exactly Akana's methods and not the harness helpers below.
 */
class FakeMessageImpl extends FakePropertyHolder implements Message {
    private final String id;
    private String correlationId;
    private byte[] content;
    private String contentType;
    private Headers headers;
    private SubjectMap subjects;
    private final boolean normalized;
    private final Map<String, Object> parts = new LinkedHashMap<String, Object>();
    private final Map<String, String> protocolHeaders = new LinkedHashMap<String, String>();
    private String contentPartName;

    FakeMessageImpl(String id, String contentType, boolean normalized) {
        this.id = id;
        this.contentType = contentType;
        this.normalized = normalized;
    }

    public String getID() {
        return id;
    }

    public String getCorrelationID() {
        return correlationId;
    }

    public void setCorrelationID(String id) {
        this.correlationId = id;
    }

    /** Null when the message has no content. */
    public byte[] getContent() throws GException {
        return content == null ? null : content.clone();
    }

    public byte[] getContent(javax.xml.transform.Source src) throws GException {
        throw new GException("getContent(Source) is deprecated and internal; the fake does not support it");
    }

    /** UTF-8 decoding; null when the message has no content. */
    public String getContentAsString() throws GException {
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    public void setContent(byte[] content) throws GException {
        this.content = content == null ? null : content.clone();
    }

    public void setStringContent(String content) throws GException {
        this.content = content == null ? null : content.getBytes(StandardCharsets.UTF_8);
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public Headers getTransportHeaders() {
        return headers;
    }

    public Headers createTransportHeaders() throws GException {
        headers = new Headers();
        return headers;
    }

    public void setTransportHeaders(Headers headers) {
        this.headers = headers;
    }

    public String getProtocolHeader(String headerName) throws GException {
        requireNormalized();
        return protocolHeaders.get(headerName);
    }

    public void setProtocolHeader(String headerName, String headerValue) throws GException {
        requireNormalized();
        protocolHeaders.put(headerName, headerValue);
    }

    public void setProtocolHeader(String headerName, org.w3c.dom.Node headerValue) throws GException {
        requireNormalized();
        protocolHeaders.put(headerName, headerValue == null ? null : headerValue.getTextContent());
    }

    private void requireNormalized() throws GException {
        if (!normalized) {
            throw new GException("Message is not normalized");
        }
    }

    public SubjectMap getSecuritySubjects() {
        return subjects;
    }

    public SubjectMap getSecuritySubjects(boolean createIfNotExist) {
        if (subjects == null && createIfNotExist) {
            subjects = new SubjectMap();
        }
        return subjects;
    }

    public boolean isNormalized() {
        return normalized;
    }

    /** The fake cannot normalize (it has no WSDL): it says so rather than pretend. */
    public boolean canNormalize() {
        return false;
    }

    public Message normalize() throws GException {
        throw new GException("Message cannot be normalized (no WSDL in the fake host)");
    }

    public Message normalizeToXML() throws GException {
        throw new GException("Message cannot be normalized (no WSDL in the fake host)");
    }

    public Object getPart(String name) {
        return parts.get(name);
    }

    public void addPart(String name, Object part) {
        parts.put(name, part);
    }

    public void removePart(String name) {
        parts.remove(name);
    }

    public String[] getPartNames() {
        List<String> names = new ArrayList<String>();
        for (Map.Entry<String, Object> e : parts.entrySet()) {
            if (e.getValue() != null) {
                names.add(e.getKey());
            }
        }
        return names.toArray(new String[0]);
    }

    public String getContentPartName() {
        return contentPartName;
    }

    public void setContentPartName(String name) {
        this.contentPartName = name;
    }

    // Harness side: what the tests read back.
    Map<String, Object> properties() {
        return properties;
    }

    byte[] rawContent() {
        return content;
    }

    void installSubjects(SubjectMap map) {
        this.subjects = map;
    }
}
