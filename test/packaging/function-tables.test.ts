// The function-table rewrite of finished ES5 bundles (packaging/function-tables.ts): the same results from the rewritten script, its declarations out of the function bodies' names, and Rhino's method numbering named back (Node, vitest).
import * as acorn from 'acorn';
import { describe, expect, it } from 'vitest';
import { moveFunctionsToTables, rhinoFunctionNames } from '../../packaging/function-tables';

/** A script in the shape of a bundle: an IIFE whose entry runs before some declarations, a factory, shadowing, vars written later, for-in, recursion. */
const SCRIPT = `
(function() {
  var out = [];
  var made;
  var counter = 0, unset;
  run(3);
  function run(n) {
    out.push(twice(n), fact(n), factory().inner(2), shadow(5), keys({ a: 1, b: 2 }), typeof unset, bump(), bump());
  }
  function twice(x) { return x * 2; }
  function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
  function bump() { counter += 1; return counter; }
  function shadow(twice) { return twice + 1; }
  function keys(o) { var names = ''; for (var k in o) names += k; return names; }
  function factory() {
    return made || (made = makeFactory());
  }
  function makeFactory() {
    function inner(v) { return helper(v) + twice(v); }
    function helper(v) { try { return v * 10; } catch (e) { return e; } }
    return { inner: inner };
  }
  result = out;
})();
`;

const runScript = (code: string): unknown => {
  // `result` exists on the scope, so the script's assignment lands there (inside `with`).
  const scope: { result: unknown } = { result: null };
  new Function('scope', `with (scope) { ${code} }`)(scope);
  return scope.result;
};

describe('function tables', () => {
  it('gives the same results, with no function declaration and one name per rewritten body', () => {
    const rewritten = moveFunctionsToTables(SCRIPT, 'test');
    expect(runScript(rewritten)).toEqual(runScript(SCRIPT));
    expect(runScript(SCRIPT)).toEqual([6, 6, 24, 6, 'ab', 'undefined', 1, 2]);
    const program = acorn.parse(rewritten, { ecmaVersion: 5 });
    let declarations = 0;
    let vars: string[] = [];
    const walk = (n: unknown): void => {
      if (!n || typeof (n as acorn.Node).type !== 'string') return;
      const node = n as acorn.Node & Record<string, unknown>;
      if (node.type === 'FunctionDeclaration') declarations++;
      if (node.type === 'VariableDeclarator') vars.push(((node as unknown as acorn.VariableDeclarator).id as acorn.Identifier).name);
      Object.values(node).forEach((v) => (Array.isArray(v) ? v.forEach(walk) : walk(v)));
    };
    walk(program);
    expect(declarations).toBe(0);
    // The two rewritten bodies' tables, and the locals of the functions that keep theirs.
    vars = vars.sort();
    expect(vars).toEqual(['__fns1', '__fns2', 'k', 'names']);
  });

  it('names the functions in Rhino order, table properties by their property names', () => {
    const names = rhinoFunctionNames(moveFunctionsToTables(SCRIPT, 'test'));
    expect(names).toEqual(['script', 'anonymous', 'run', 'twice', 'fact', 'bump', 'shadow', 'keys', 'factory', 'makeFactory', 'inner', 'helper']);
    expect(rhinoFunctionNames(SCRIPT)).toEqual(names);
  });

  it('keeps a function that reads this a declaration, and lets a var of a parameter assign the parameter', () => {
    const script = `(function() {
      var seen = [];
      function Point(x) { this.x = x; }
      function globalThisOf() { return this; }
      function again(a) {
        var a = a + 1, b = 2;
        function one() { return 1; }
        function two() { return 2; }
        for (var a in { k: one() }) seen.push(a);
        return [a, b + two()];
      }
      function fail() { try { throw 1; } catch (e) { var e = 5; seen.push(e); } return typeof e; }
      result = [new Point(3).x, globalThisOf() === topThis, again(1), fail(), seen];
    })();`;
    const rewritten = moveFunctionsToTables(script, 'test');
    expect(rewritten).toContain('function Point(x)');
    expect(rewritten).toContain('function globalThisOf()');
    expect(rewritten).toContain('__fns1.again = function');
    expect(rewritten).toContain('__fns2.one = function');
    expect(rewritten).toContain('a = a + 1, __fns2.b = 2;');
    const run = (code: string) => {
      const scope: { result: unknown; topThis: unknown } = { result: null, topThis: null };
      scope.topThis = new Function('return this')();
      new Function('scope', `with (scope) { ${code} }`)(scope);
      return scope.result;
    };
    expect(run(rewritten)).toEqual(run(script));
    expect(run(script)).toEqual([3, true, ['k', 4], 'undefined', ['k', 5]]);
  });

  it('stops on a function that is assigned, also a variable of the same body, or named as an Object.prototype property', () => {
    expect(() => moveFunctionsToTables('(function() { function a() {} function b() {} a = null; })();', 'assigned')).toThrow(/a is assigned/);
    expect(() => moveFunctionsToTables('(function() { var a = 1; function a() {} function b() {} })();', 'twice')).toThrow(/a is a function declaration and another binding/);
    // A plain object's own names: a table property of that name would read Object.prototype's (or set the prototype).
    expect(() => moveFunctionsToTables('(function() { var valueOf; function a() {} function b() {} })();', 'proto')).toThrow(/valueOf would be a property of a function table/);
    expect(() => moveFunctionsToTables('(function() { function __proto__() {} function b() {} })();', 'proto')).toThrow(/__proto__ would be a property/);
  });
});
