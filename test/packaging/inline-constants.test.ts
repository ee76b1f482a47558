// The build step that turns reads of a top-level constant table into literals (packaging/inline-constants.ts), and refuses any other use of the table (Node, vitest).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { inlineConstantTables, inlineLiteralVars } from '../../packaging/inline-constants';

const script = (body: string) => `(function() {\n  var Codes = { ALLOWED: "ASE_ALLOWED", LIMIT: 3 };\n${body}\n})();\n`;

describe('inlineConstantTables', () => {
  it('replaces every Codes.KEY with its literal and drops the table; other objects with a Codes property stay', () => {
    const code = script('  var other = { Codes: 1 };\n  out.push(Codes.ALLOWED + ":" + Codes.LIMIT, other.Codes, function () { return Codes.ALLOWED; }());');
    const inlined = inlineConstantTables(code, ['Codes'], 'fixture');
    expect(inlined).not.toMatch(/var Codes/);
    expect(inlined).not.toMatch(/Codes\.(ALLOWED|LIMIT)/);
    const before: unknown[] = [];
    const after: unknown[] = [];
    runInNewContext(code, { out: before });
    runInNewContext(inlined, { out: after });
    expect(after).toEqual(before);
    expect(after).toEqual(['ASE_ALLOWED:3', 1, 'ASE_ALLOWED']);
  });

  it.each([
    ['the table passed on', '  use(Codes);', /used other than as Codes\.KEY/],
    ['a computed key', '  use(Codes["ALLOWED"]);', /used other than as Codes\.KEY/],
    ['a write', '  Codes.ALLOWED = "x";', /used other than as Codes\.KEY/],
    ['a key it does not have', '  use(Codes.MISSING);', /Codes\.MISSING is not a key of Codes/],
    ['a shadowing parameter', '  function f(Codes) { return Codes.ALLOWED; }', /declared again/],
    ['a shadowing var', '  function f() { var Codes = {}; return Codes.ALLOWED; }', /declared again/]
  ])('refuses %s, naming the problem', (_what, body, problem) => {
    expect(() => inlineConstantTables(script(body), ['Codes'], 'fixture')).toThrow(problem);
  });

  it('refuses a table whose values are not literals, and a name with no table', () => {
    expect(() => inlineConstantTables('(function() {\n  var Codes = { A: "a" + "b" };\n  use(Codes.A);\n})();\n', ['Codes'], 'fixture')).toThrow(/Codes\.A is not a string or number literal/);
    expect(() => inlineConstantTables(script('  use(Codes.ALLOWED);'), ['Table'], 'fixture')).toThrow(/no top-level var Table/);
  });
});

describe('inlineLiteralVars', () => {
  const code = [
    '(function() {',
    '  var KEY = "pi.ase.node";',
    '  var LIMIT = 64;',
    '  var PATTERN = /a+/;',
    '  var COUNTER = 0;',
    '  var SHADOWED = "outer";',
    '  var other = { KEY: 1 };',
    '  function bump() { COUNTER++; return COUNTER; }',
    '  function shadow(SHADOWED) { return SHADOWED; }',
    '  out.push(KEY, LIMIT * 2, other.KEY, PATTERN.test("aa"), bump(), shadow("inner"), SHADOWED, typeof KEY);',
    '})();',
    ''
  ].join('\n');

  it('inlines the string and number vars nothing writes or shadows, and keeps the rest, with the same results', () => {
    const inlined = inlineLiteralVars(code, 'fixture');
    expect(inlined).not.toMatch(/var KEY|var LIMIT/);
    expect(inlined).toContain('out.push("pi.ase.node", 64 * 2, other.KEY');
    // A regex, a var something writes and a var a parameter shadows stay.
    expect(inlined).toMatch(/var PATTERN = \/a\+\//);
    expect(inlined).toContain('var COUNTER = 0;');
    expect(inlined).toContain('var SHADOWED = "outer";');
    const before: unknown[] = [];
    const after: unknown[] = [];
    runInNewContext(code, { out: before });
    runInNewContext(inlined, { out: after });
    expect(after).toEqual(before);
    expect(after).toEqual(['pi.ase.node', 128, 1, true, 1, 'inner', 'outer', 'string']);
  });
});
