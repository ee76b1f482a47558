// Fake of Akana's script Message interface (JVM side of the Rhino test harness): the documented 8.2-2021 signatures.
package com.soa.message.script;

import com.digev.fw.exception.GException;
import com.soa.security.script.SubjectMap;
import java.util.Set;

public interface Message {
    String getID();

    String getCorrelationID();

    void setCorrelationID(String id);

    byte[] getContent() throws GException;

    /** Deprecated and internal in Akana. */
    byte[] getContent(javax.xml.transform.Source src) throws GException;

    String getContentAsString() throws GException;

    void setContent(byte[] content) throws GException;

    void setStringContent(String content) throws GException;

    String getContentType();

    void setContentType(String contentType);

    Object getProperty(String name);

    void setProperty(String name, Object property);

    /** Raw live set: removal deletes the property. */
    @SuppressWarnings("rawtypes")
    Set getPropertyNames();

    /** Null when the message has no headers. */
    Headers getTransportHeaders();

    /** Creates a new (empty) header set and associates it with the message. */
    Headers createTransportHeaders() throws GException;

    void setTransportHeaders(Headers headers);

    String getProtocolHeader(String headerName) throws GException;

    void setProtocolHeader(String headerName, String headerValue) throws GException;

    void setProtocolHeader(String headerName, org.w3c.dom.Node headerValue) throws GException;

    /** Null when there is no subject map. */
    SubjectMap getSecuritySubjects();

    SubjectMap getSecuritySubjects(boolean createIfNotExist);

    boolean isNormalized();

    boolean canNormalize();

    Message normalize() throws GException;

    Message normalizeToXML() throws GException;

    Object getPart(String name);

    void addPart(String name, Object part);

    void removePart(String name);

    String[] getPartNames();

    String getContentPartName();

    void setContentPartName(String name);
}
