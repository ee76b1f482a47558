// The phase factories of a policy bundle: what moves behind a root's factory, what stays, and that the script still runs the same (Node, vitest).
import { runInNewContext } from 'node:vm';
import * as acorn from 'acorn';
import { describe, expect, it } from 'vitest';
import { movePhaseFunctions } from '../../packaging/phase-factories';

/** An IIFE like esbuild's: two phases sharing a helper, a helper a top-level statement uses, an entry call. */
const SCRIPT = `/* banner */
(function() {
  var made = { now: clock };
  function clock() { return 1; }
  function shared(x) { return x + 1; }
  function onlyRequest(x) { return deeper(x) * 2; }
  function deeper(x) { return shared(x) + made.now(); }
  function requestPhase(a, b) { return onlyRequest(a) + b; }
  function onlyResponse(x) { return shared(x) * 10; }
  function responsePhase(a) { return onlyResponse(a); }
  out.push(requestPhase(1, 2), responsePhase(3), shared(0));
})();
`;

type Node = { type: string; body?: unknown; id?: { name: string } | null; expression?: { callee: { body: { body: Node[] } } } };

/** Names of the functions declared at the IIFE's top level. */
function topLevel(code: string): string[] {
  const program = acorn.parse(code, { ecmaVersion: 5 }) as unknown as { body: Node[] };
  const iife = program.body.find((n) => n.type === 'ExpressionStatement') as Node;
  return iife.expression!.callee.body.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => n.id!.name);
}

const run = (code: string): number[] => {
  const out: number[] = [];
  runInNewContext(code, { out });
  return out;
};

describe('phase factories', () => {
  it("moves each root with the functions only it reaches into the root's factory; shared ones and those a statement uses stay", () => {
    const moved = movePhaseFunctions(SCRIPT, ['requestPhase', 'responsePhase'], 'fixture.js');
    expect(topLevel(moved).sort()).toEqual(['clock', 'requestPhase', 'requestPhaseFactory', 'responsePhase', 'responsePhaseFactory', 'shared'].sort());
    expect(moved).toMatch(/function requestPhaseFactory\(\) \{[\s\S]*function onlyRequest[\s\S]*function deeper[\s\S]*return requestPhase;/);
    expect(moved).toMatch(/function responsePhaseFactory\(\) \{[\s\S]*function onlyResponse[\s\S]*return responsePhase;/);
    expect(moved.startsWith('/* banner */')).toBe(true);
  });

  it('runs the same as the script it came from', () => {
    expect(run(movePhaseFunctions(SCRIPT, ['requestPhase', 'responsePhase'], 'fixture.js'))).toEqual(run(SCRIPT));
    expect(run(SCRIPT)).toEqual([8, 40, 1]);
  });

  it('refuses a missing root and a factory name the script already uses', () => {
    expect(() => movePhaseFunctions(SCRIPT, ['nowhere'], 'fixture.js')).toThrow(/no top-level function nowhere/);
    expect(() => movePhaseFunctions(SCRIPT.replace('var made', 'var requestPhaseFactory = 0; var made'), ['requestPhase'], 'fixture.js')).toThrow(/requestPhaseFactory is already a name/);
    expect(() => movePhaseFunctions(SCRIPT.replace('return onlyRequest(a) + b;', 'return onlyRequest(arguments[0]) + b;'), ['requestPhase'], 'fixture.js')).toThrow(/reads arguments/);
  });
});
