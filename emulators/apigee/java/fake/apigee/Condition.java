// Evaluates a step's <Condition> in the fake Apigee host (JVM side of the Apigee emulator): the subset the bundle uses, anything else refused.
package fake.apigee;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grammar: expr := and ("or" and)*; and := unary ("and" unary)*; unary := "not" unary | "(" expr ")"
 * | name op literal; op := = == != equals notequals; literal := "text" | null | true | false | number.
 * A variable compares by its String form; null equals only an unset variable.
 */
final class Condition {
    private static final Pattern TOKEN = Pattern.compile("\\s*(\"[^\"]*\"|\\(|\\)|!=|==|=|[A-Za-z0-9_.\\-]+)");
    private final List<String> tokens = new ArrayList<String>();
    private final FakeContext context;
    private int i;

    private Condition(String text, FakeContext context) {
        this.context = context;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            tokens.add(m.group(1));
            at = m.end();
        }
        if (text.substring(at).trim().length() > 0) {
            throw new IllegalArgumentException("condition not understood by the fake: " + text);
        }
    }

    static boolean holds(String text, FakeContext context) {
        Condition c = new Condition(text, context);
        boolean v = c.or();
        if (c.i != c.tokens.size()) {
            throw new IllegalArgumentException("condition not understood by the fake: " + text);
        }
        return v;
    }

    private String peek() {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    private String next() {
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("condition ends too early");
        }
        return tokens.get(i++);
    }

    private boolean or() {
        boolean v = and();
        while ("or".equalsIgnoreCase(peek())) {
            next();
            v = and() || v;
        }
        return v;
    }

    private boolean and() {
        boolean v = unary();
        while ("and".equalsIgnoreCase(peek())) {
            next();
            v = unary() && v;
        }
        return v;
    }

    private boolean unary() {
        String t = next();
        if (t.equalsIgnoreCase("not")) {
            return !unary();
        }
        if (t.equals("(")) {
            boolean v = or();
            if (!")".equals(next())) {
                throw new IllegalArgumentException("missing )");
            }
            return v;
        }
        String op = next().toLowerCase();
        String literal = next();
        Object value = context.getVariable(t);
        boolean equal;
        if (literal.equals("null")) {
            equal = value == null;
        } else {
            String want = literal.startsWith("\"") ? literal.substring(1, literal.length() - 1) : literal;
            equal = value != null && String.valueOf(value).equals(want);
        }
        switch (op) {
            case "=": case "==": case "equals": return equal;
            case "!=": case "notequals": return !equal;
            default: throw new IllegalArgumentException("operator not supported by the fake: " + op);
        }
    }
}
