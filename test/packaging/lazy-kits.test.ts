// The lazy kits of the policy bundles: each exports functions only, and the bundle makes a kit's functions only inside its loader (Node, vitest).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as acorn from 'acorn';
import { describe, expect, it } from 'vitest';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { AKANA_ENTRIES, PROJECT_ROOT } from '../../packaging/entries';
import { LAZY_KITS, kitName } from '../../packaging/lazy-kits';

type Node = { type: string; id?: { name: string } | null; [key: string]: unknown };

/** The names of the functions an IIFE bundle makes when its top level runs (not those nested in other functions). */
function topLevelFunctions(code: string): string[] {
  const program = acorn.parse(code, { ecmaVersion: 5 }) as unknown as { body: Node[] };
  const iife = program.body.find((n) => n.type === 'ExpressionStatement') as unknown as { expression: { callee: { body: { body: Node[] } } } };
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') {
      names.push(n.id ? n.id.name : '(anonymous)');
      return;
    }
    for (const value of Object.values(n)) (Array.isArray(value) ? value : [value]).forEach(walk);
  };
  iife.expression.callee.body.body.forEach(walk);
  return names;
}

describe('lazy kits', () => {
  it.each(LAZY_KITS.map((k) => k.entry))('%s exports functions only (each becomes a forwarder)', async (entry) => {
    const mod = (await import(resolve(PROJECT_ROOT, entry))) as Record<string, unknown>;
    expect(Object.keys(mod).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(mod)) expect(typeof value, name).toBe('function');
    expect(readFileSync(resolve(PROJECT_ROOT, entry), 'utf8')).not.toMatch(/^export (var|let|const) /m);
  });

  it('pi_policy.js makes the validator, the field table, SHA-256 and the async worker only when a kit is first used', async () => {
    // With the shipped bundle's host modules (the JVM's SHA-256 and its ES5 fallback kit), before the
    // factories and tables move its functions (the shipped build's later steps).
    const code = await bundleEs5({ entryPath: 'policies/pi-policy.ts', banner: '/* test */', hostModules: AKANA_ENTRIES[0].hostModules });
    const top = topLevelFunctions(code);
    // Each kit's loader is in the bundle: at the top level, or inside the kit that imports it (the async
    // pool start in the async worker, the ES5 SHA-256 in the secret hasher).
    const nested = ['async-pool-start.ts', 'es5-sha256.ts'];
    for (const kit of LAZY_KITS) expect(code).toContain(`function ${kitName(kit.entry)}(`);
    for (const kit of LAZY_KITS) {
      if (nested.some((file) => kit.entry.endsWith(file))) expect(top).not.toContain(kitName(kit.entry));
      else expect(top).toContain(kitName(kit.entry));
    }
    // Forwarders at the top level, the real code inside the loaders.
    expect(top).toContain('checkAkanaConfig');
    for (const hidden of ['validateConfig', 'buildConfigFields', 'akanaRawConfig', 'sha256Hex', 'submitBounded', 'maskValue', 'newPool']) {
      expect(top.filter((name) => name === hidden), hidden).toHaveLength(hidden === 'submitBounded' ? 1 : 0);
      expect(code).toContain(`function ${hidden}(`);
    }
  }, 60000);
});
