// Fake Akana authenticated subject (JVM side of the Rhino test harness): what the gateway's auth stage leaves.
package fake.akana;

import com.soa.security.script.Name;
import com.soa.security.script.Principal;
import com.soa.security.script.Subject;

/** Package-private: scripts see Subject's public methods only. */
class FakeSubjectImpl extends Subject {
    FakeSubjectImpl(String principalName) {
        super(new Principal[] {new FakePrincipalImpl(principalName)}, new Object[] {Name.create(principalName)});
    }
}
