// Fake Akana authenticated principal (JVM side of the Rhino test harness).
package fake.akana;

import com.soa.security.script.Principal;

class FakePrincipalImpl implements Principal {
    private final String name;

    FakePrincipalImpl(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
