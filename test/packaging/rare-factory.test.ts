// The rare factory of a policy bundle: what moves, how the usual path reaches a rare root, refusals, and in Rhino that a usual message never makes it (Node, vitest).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import * as acorn from 'acorn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveRareFunctions } from '../../packaging/rare-factory';
import { buildBundles } from '../../packaging/build-bundles';
import { AKANA_ENTRIES } from '../../packaging/entries';
import { rhinoAvailable } from '../../emulators/akana';
import { akanaConfig, akanaRoutes, expectArm, runRhinoBench, typicalArm } from '../../bench/rhino-bench';

/** An IIFE like esbuild's: a usual path, a rare root with a helper of its own, a helper both use, a method. */
const SCRIPT = `/* banner */
(function() {
  var made = { now: clock };
  function clock() { return 1; }
  function shared(x) { return x + 1; }
  function onFailure(x) { return explain(x) + shared(x); }
  function explain(x) { return x * 100; }
  function attempt(x) { return x > 5 ? onFailure(x) : shared(x) + made.now(); }
  function pick(f) { return f(2); }
  function viaValue() { return pick(onFailure); }
  out.push(attempt(1), attempt(9), viaValue());
})();
`;

type Node = { type: string; id?: { name: string } | null; expression?: { callee: { body: { body: Node[] } } } };

function topLevel(code: string): string[] {
  const program = acorn.parse(code, { ecmaVersion: 5 }) as unknown as { body: Node[] };
  const iife = program.body.find((n) => n.type === 'ExpressionStatement') as Node;
  return iife.expression!.callee.body.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => n.id!.name);
}

const run = (code: string): unknown[] => {
  const out: unknown[] = [];
  runInNewContext(code, { out });
  return out;
};

describe('rare factory', () => {
  it('moves the roots and what only they reach into the factory; the usual path calls them through it', () => {
    const { code, moved } = moveRareFunctions(SCRIPT, 'rare', ['onFailure'], 'fixture.js');
    expect(moved).toEqual(['onFailure', 'explain']);
    expect(topLevel(code).sort()).toEqual(['attempt', 'clock', 'pick', 'rare', 'rareFactory', 'shared', 'viaValue'].sort());
    expect(code).toContain('return x > 5 ? rare().onFailure(x) : shared(x) + made.now();');
    expect(code).toContain('return pick(rare().onFailure);');
    expect(code).toMatch(/function rareFactory\(\) \{[\s\S]*function onFailure[\s\S]*function explain[\s\S]*return \{ onFailure: onFailure \};/);
    expect(code.startsWith('/* banner */')).toBe(true);
  });

  it('runs the same as the script it came from, and makes the factory only when a rare root is used', () => {
    const { code } = moveRareFunctions(SCRIPT, 'rare', ['onFailure'], 'fixture.js');
    expect(run(code)).toEqual(run(SCRIPT));
    expect(run(SCRIPT)).toEqual([3, 910, 203]);
    const counted = code.replace('function rareFactory() {', 'function rareFactory() {\n    out.push("made");');
    expect(run(counted.replace('out.push(attempt(1), attempt(9), viaValue());', 'out.push(attempt(1));'))).toEqual([3]);
    expect(run(counted).filter((x) => x === 'made')).toHaveLength(1);
  });

  it('refuses what it cannot rewrite safely', () => {
    const move = (script: string, roots = ['onFailure']) => () => moveRareFunctions(script, 'rare', roots, 'fixture.js');
    expect(move(SCRIPT, ['nowhere'])).toThrow(/no top-level function nowhere/);
    expect(move(SCRIPT.replace('var made', 'var rareMade = 0; var made'))).toThrow(/rareMade is already a name/);
    expect(move(SCRIPT.replace('function pick(f)', 'function pick(onFailure)').replace('return f(2)', 'return onFailure(2)'))).toThrow(/also a local name/);
    expect(move(SCRIPT, ['clock'])).toThrow(/used by a top-level statement/);
    expect(move(SCRIPT.replace('return explain(x) + shared(x);', 'return explain(x) + shared(x) + (this ? 0 : 0);'))).toThrow(/reads this/);
    expect(move(SCRIPT.replace('function viaValue() {', 'function viaValue() { onFailure = null;'))).toThrow(/is assigned/);
  });
});

const engine = rhinoAvailable();

describe.skipIf(!engine.ok)(`the rare factory of pi_policy.js in Rhino (${engine.reason})`, () => {
  let dir: string;
  let counted: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pi-rare-test-'));
    const piPolicy = (await buildBundles({ entries: AKANA_ENTRIES, outDir: dir, version: '0.0.0-test' }))[0].file;
    const code = readFileSync(piPolicy, 'utf8');
    // A declaration, or a property of its body's function table (packaging/function-tables.ts).
    const openings = code.match(/(?:function rarePathsFactory\(\)|__fns\d+\.rarePathsFactory = function \(\)) \{/g) ?? [];
    expect(openings).toHaveLength(1);
    const opening = openings[0] ?? '';
    // The same bundle, but its rare factory logs a line when it is made.
    counted = join(dir, 'pi_policy-counted.js');
    writeFileSync(counted, code.replace(opening, `${opening}\n    systemLog.error("rare factory made");`));
  }, 120000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is not made by a usual message (after the first, which validates config.js), and is made when a node fails', async () => {
    const tag = 'rare';
    const usual = typicalArm('usual', [akanaConfig(tag, ['primary']), counted]);
    // retryAfterMs 0: the refused primary is tried first on every message, so every phase fails over.
    const failover = typicalArm('failover', [akanaConfig(`${tag}-f`, ['refused', 'secondary'], { retryAfterMs: 0 }), counted], { countLog: 'rare factory made' });
    const routes = { ...akanaRoutes(tag, { primary: { baseUrl: 'inproc:200' } }), ...akanaRoutes(`${tag}-f`, { refused: { baseUrl: 'http://127.0.0.1:1' }, secondary: { baseUrl: 'inproc:200' } }) };
    const run = await runRhinoBench({ routes, arms: [usual, failover], messages: 20, rounds: 2, warmupRounds: 1 });
    // Every message let through and answered, and not one warn or error line: the factory was never made.
    expectArm(run, 'usual', 20, 2);
    // Each request phase tried the refused primary, made the factory once, and went on to the secondary;
    // the response phase goes to the node that answered the request.
    for (const round of run.rounds) {
      expect(round.failover.exceptions).toBe(0);
      expect(round.failover.blocked).toBe(0);
      expect(round.failover.answered200).toBe(40);
      expect(round.failover.logMatches).toBe(20);
    }
  }, 120000);
});
