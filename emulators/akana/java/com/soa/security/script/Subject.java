// Fake of Akana's script Subject (JVM side of the Rhino test harness): principals and credentials of one category.
package com.soa.security.script;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Documented methods only, except getSAML1()/getSAML2() (their SAML types are not faked). Principals are set
 * by the gateway's authentication, which has no script API: the protected constructor is the fake host's
 * door (Rhino shows scripts public members only).
 */
public class Subject {
    private final List<Principal> principals = new ArrayList<Principal>();
    private final List<Object> publicCredentials = new ArrayList<Object>();
    private final List<Object> privateCredentials = new ArrayList<Object>();

    protected Subject(Principal[] authenticated, Object[] credentials) {
        principals.addAll(Arrays.asList(authenticated));
        publicCredentials.addAll(Arrays.asList(credentials));
    }

    public static Subject create() {
        return new Subject(new Principal[0], new Object[0]);
    }

    /** Authenticated identities, as a copy. */
    public Principal[] getPrincipals() {
        return principals.toArray(new Principal[0]);
    }

    /** All public credentials, as a copy. */
    public Object[] getPublicCredentials() {
        return publicCredentials.toArray();
    }

    public void addPublicCredential(Object credential) {
        publicCredentials.add(credential);
    }

    public void removePublicCredential(Object credential) {
        publicCredentials.remove(credential);
    }

    public void addPrivateCredential(Object credential) {
        privateCredentials.add(credential);
    }

    public X509Certificate[] getCertificateChain() {
        return null;
    }

    public BST getBST(String type) {
        for (Object c : publicCredentials) {
            if (c instanceof BST && type != null && type.equals(((BST) c).getType())) {
                return (BST) c;
            }
        }
        return null;
    }

    /** The name as supplied (unauthenticated), or null. */
    public Name getInputName() {
        for (Object c : publicCredentials) {
            if (c instanceof Name) {
                return (Name) c;
            }
        }
        return null;
    }
}
