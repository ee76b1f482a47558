// What exchange.getResponse() gives in the fake Apigee host (JVM side of the Apigee emulator): status, content, headers.
package fake.apigee;

import java.util.Map;

/**
 * Apigee's samples read `response.status` (compared with 200); `.status.code` is not documented.
 * The scenario picks the shape: "object" gives a status object with `code` (String form "200"),
 * "number" a java.lang.Integer; the adapter must read both.
 */
public final class FakeResponse {
    public final Object status;
    public final String content;
    public final Map<String, String> headers;

    FakeResponse(int status, String content, Map<String, String> headers, String statusShape) {
        this.status = statusShape.equals("number") ? (Object) Integer.valueOf(status) : new Status(status);
        this.content = content;
        this.headers = headers;
    }

    /** A status object: `code` as a number, the text as its String form. */
    public static final class Status {
        public final int code;

        Status(int code) {
            this.code = code;
        }

        @Override
        public String toString() {
            return String.valueOf(code);
        }
    }
}
