// One entry of the fake Messenger's routing table (JVM side of the Rhino test harness): an API registered in Akana.
package fake.akana;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * In Akana each ASE node is a registered API whose endpoint, timeouts and keep-alive are container
 * settings; here the scenario supplies them per service name ("{ns}local").
 */
final class Route {
    final QName service;
    final QName interfaceName; // null: any interface accepted
    final String baseUrl;
    /** "inproc:STATUS" base URLs answer STATUS without HTTP (benchmarks of the policy's own CPU); else -1. */
    final int inprocStatus;
    final Map<String, String> operations = new LinkedHashMap<String, String>();
    final int connectTimeoutMs;
    final int readTimeoutMs;
    final boolean statusAsString;
    final boolean errorStatusAsFault;

    @SuppressWarnings("unchecked")
    Route(String service, Map<String, Object> cfg) {
        this.service = QName.valueOf(service);
        Object iface = cfg.get("interfaceName");
        this.interfaceName = iface == null ? null : QName.valueOf((String) iface);
        this.baseUrl = stripSlash((String) require(cfg, "baseUrl"));
        this.inprocStatus = this.baseUrl.startsWith("inproc:") ? Integer.parseInt(this.baseUrl.substring(7)) : -1;
        if (this.baseUrl.startsWith("inproc:") && (inprocStatus < 100 || inprocStatus > 599)) {
            throw new IllegalArgumentException("inproc status must be 100-599: " + this.baseUrl);
        }
        Object ops = cfg.get("operations");
        if (ops == null) {
            operations.put("postRequestMetadata", "/ase/request");
            operations.put("postResponseMetadata", "/ase/response");
        } else {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) ops).entrySet()) {
                operations.put(e.getKey(), (String) e.getValue());
            }
        }
        this.connectTimeoutMs = intOr(cfg.get("connectTimeoutMs"), 2000);
        this.readTimeoutMs = intOr(cfg.get("readTimeoutMs"), 5000);
        String statusType = cfg.get("statusType") == null ? "integer" : (String) cfg.get("statusType");
        if (!statusType.equals("integer") && !statusType.equals("string")) {
            throw new IllegalArgumentException("statusType must be integer or string: " + statusType);
        }
        this.statusAsString = statusType.equals("string");
        String errorAs = cfg.get("errorStatusAs") == null ? "out" : (String) cfg.get("errorStatusAs");
        if (!errorAs.equals("out") && !errorAs.equals("fault")) {
            throw new IllegalArgumentException("errorStatusAs must be out or fault: " + errorAs);
        }
        this.errorStatusAsFault = errorAs.equals("fault");
    }

    private static Object require(Map<String, Object> cfg, String key) {
        Object v = cfg.get(key);
        if (v == null) {
            throw new IllegalArgumentException("route needs " + key);
        }
        return v;
    }

    private static int intOr(Object v, int dflt) {
        return v == null ? dflt : ((Number) v).intValue();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
