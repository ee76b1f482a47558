// Fake of Akana's script Exchange interface (JVM side of the Rhino test harness): one operation invocation.
package com.soa.message.script;

import com.digev.fw.exception.GException;
import java.util.Set;
import javax.xml.namespace.QName;

public interface Exchange {
    String getExchangeID();

    Object getProperty(String name);

    void setProperty(String name, Object property);

    @SuppressWarnings("rawtypes")
    Set getPropertyNames();

    QName getServiceName();

    void setServiceName(QName name);

    /** String form "{ns}local". */
    void setServiceName(String name);

    QName getInterfaceName();

    void setInterfaceName(QName name);

    void setInterfaceName(String name);

    String getOperationName();

    void setOperationName(String name);

    String getEndpointName();

    void setEndpointName(String name);

    String getBinding();

    /** 0 ACTIVE, 1 DONE, 2 ERROR. */
    int getStatus();

    /** "IN_OUT" or "IN_ONLY" (the javadoc's words; the real strings are unconfirmed). */
    String getPattern();

    boolean isAsync();

    Message getInMessage();

    Message getOutMessage();

    Message getFaultMessage();

    /** Throws when the slot is already filled. */
    void setInMessage(Message msg) throws GException;

    void setOutMessage(Message msg) throws GException;

    void setFaultMessage(Message msg) throws GException;

    /** New message bound to the slot; throws when it is filled. */
    Message createInMessage() throws GException;

    Message createOutputMessage() throws GException;

    Message createFaultMessage() throws GException;
}
