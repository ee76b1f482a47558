// The built Node entry: esbuild bundles + tsc declarations, consumed through a package exports map (Node).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNodeEntry } from '../../packaging/build-node-entry';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What package.json needs (reported to the maintainer); the test package uses the same map. */
const EXPORTS = {
  './node': { types: './dist/node/index.d.ts', import: './dist/node/index.js' },
  './node/test-kit': { types: './dist/node/test-kit.d.ts', import: './dist/node/test-kit.js' }
};

let tmp: string;
let consumer: string;
let files: string[];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pi-node-entry-'));
  const pkg = join(tmp, 'pkg');
  mkdirSync(pkg);
  files = (await buildNodeEntry(join(pkg, 'dist/node'))).files;
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'pi-test-pkg', version: '0.0.0', type: 'module', exports: EXPORTS }));
  // The bundles keep their dependencies as imports (undici, zod, nock): resolve them from the project.
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  consumer = join(tmp, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module' }));
  symlinkSync(pkg, join(consumer, 'node_modules', 'pi-test-pkg'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', '@types'), join(consumer, 'node_modules', '@types'), 'dir');
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Diagnostics per file of one program over the given consumer files (NodeNext, strict). */
function typecheck(sources: Record<string, string>): Record<string, string[]> {
  const paths = Object.keys(sources).map((name) => {
    writeFileSync(join(consumer, name), sources[name]);
    return join(consumer, name);
  });
  const program = ts.createProgram(paths, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    // Library .d.ts files are not re-checked (seconds); an unresolved import inside ours would turn
    // a type into any, which the 'bad' file below catches.
    skipLibCheck: true,
    types: ['node']
  });
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(sources)) {
    out[name] = ts.getPreEmitDiagnostics(program, program.getSourceFile(join(consumer, name))).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

describe('built Node entry (dist/node)', () => {
  it('writes the two bundles, their declaration stubs and the declaration tree', () => {
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'test-kit.js', 'test-kit.d.ts', 'types/node/index.d.ts', 'types/node/test-kit.d.ts']));
    const index = readFileSync(join(tmp, 'pkg/dist/node/index.js'), 'utf8');
    expect(index).toMatch(/^import .* from "undici";$/m); // dependencies stay external
    expect(index).not.toContain('from "nock"'); // the main entry never loads nock
  });

  it('imports through the exports map in a plain Node process and runs', () => {
    const script = `
      import { createAsePolicy, piNodeMiddleware, registerPiFastify, Codes } from 'pi-test-pkg/node';
      import { mockAse, testCall } from 'pi-test-pkg/node/test-kit';
      let code = '';
      try { createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a' }] } }); } catch (e) { code = e.code; }
      const policy = createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a', url: 'http://127.0.0.1:1' }] }, logger: {} });
      const decision = await policy.checkRequest(testCall());
      await policy.close();
      console.log(JSON.stringify([code, decision.code, typeof piNodeMiddleware, typeof registerPiFastify, typeof mockAse, Codes.BLOCKED]));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['CONFIG_INVALID', 'ASE_UNAVAILABLE', 'function', 'function', 'function', 'ASE_BLOCKED']);
  });

  it('type-checks a consumer under NodeNext resolution, with real (not any) types', () => {
    const diagnostics = typecheck({
      'good.ts': `
        import { createAsePolicy, type AsePolicy, type ApiCall, type PolicyDecision, type PolicyConfig } from 'pi-test-pkg/node';
        import { mockAse, testCall, type MockAse } from 'pi-test-pkg/node/test-kit';
        const policy: AsePolicy = createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a', url: 'http://ase.test:8000' }] } });
        const call: ApiCall = testCall({ url: '/x' });
        export const decision: Promise<PolicyDecision> = policy.checkRequest(call);
        export const ase: MockAse = mockAse({ nodes: ['http://ase.test:8000'] });
        export const timeout: PolicyConfig['attemptTimeoutMs'] = policy.config.attemptTimeoutMs;
      `,
      'bad.ts': `
        import { createAsePolicy } from 'pi-test-pkg/node';
        import { mockAse } from 'pi-test-pkg/node/test-kit';
        export const wrong: number = createAsePolicy;
        export const verdict: 'allow' = (null as unknown as Awaited<ReturnType<ReturnType<typeof createAsePolicy>['checkRequest']>>).verdict;
        export const calls: string = mockAse({ nodes: [] }).calls;
      `
    });
    expect(diagnostics['good.ts']).toEqual([]);
    // Each wrong line is an error: the declarations carry real types (a lost import would make them any).
    expect(diagnostics['bad.ts']).toHaveLength(3);
  });
});
