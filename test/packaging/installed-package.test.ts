// The npm package as a user gets it: packed by its own prepack from a clean copy of the tree, installed into a scratch app, used from ESM, CommonJS, tsc, vitest and node_modules/.bin (Node, vitest).
//
// Offline and deterministic: the tarball is extracted into the app's node_modules as npm install
// would (package/ -> node_modules/<name>, the bin linked into .bin), and only the package's declared
// runtime dependencies are linked in from this project's node_modules, plus what each check needs
// as the app's own dependency (vitest, nock, express, fastify, @types). The temp folders lie
// outside this project, so an import of anything undeclared (esbuild, typescript, acorn, tsx) fails.
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../packaging/entries';

const OPERATOR_SECRET = 'operator-secret-token-never-packed';
/** What the app adds beside the package's runtime dependencies, as an app's own (dev) dependencies would. */
const APP_DEPENDENCIES = ['vitest', 'nock', 'express', 'fastify', '@types/node', '@types/express'];

let tmp: string;
let app: string;
let pkgDir: string;
let packed: { name: string; version: string; dependencies: Record<string, string>; files: string[] };

/** Env of child processes: no vitest worker variables (the app runs its own vitest), no npm lifecycle leftovers. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|npm_|INIT_CWD$|NODE_OPTIONS$|TEST$|NODE_ENV$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, env: childEnv(extra) });
}

/** The tree a fresh clone has: tracked files plus new ones not ignored (so uncommitted work is packed too). */
function cleanCopy(target: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(PROJECT_ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(PROJECT_ROOT, file), join(target, file));
  }
  // The dev dependencies prepack needs (esbuild, typescript, tsx): this project's, as after npm ci.
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
}

function link(name: string): void {
  const target = join(app, 'node_modules', name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules', name), target, 'dir');
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pi-installed-'));
  const source = join(tmp, 'source');
  cleanCopy(source);
  // An operator's rendered config.js and an old release tarball in dist/: neither may ship.
  mkdirSync(join(source, 'dist', 'akana'), { recursive: true });
  writeFileSync(join(source, 'dist', 'akana', 'config.js'), `var ase_token = "${OPERATOR_SECRET}";\n`);
  writeFileSync(join(source, 'dist', 'pi-api-akana-policy-0.0.1.tar.gz'), OPERATOR_SECRET);

  const pack = run('npm', ['pack', '--json', '--pack-destination', tmp], source, { npm_config_loglevel: 'error' });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
  const report = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(tmp, report[0].filename);

  app = join(tmp, 'app');
  mkdirSync(join(app, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', version: '1.0.0', private: true, type: 'module' }));
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as typeof packed;
  pkgDir = join(app, 'node_modules', manifest.name);
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  packed = { ...manifest, files: report[0].files.map((file) => file.path) };
  for (const name of Object.keys(manifest.dependencies ?? {})) link(name);
  for (const name of APP_DEPENDENCIES) link(name);
  // npm links each bin into node_modules/.bin.
  for (const [name, file] of Object.entries((manifest as unknown as { bin: Record<string, string> }).bin)) {
    chmodSync(join(pkgDir, file), 0o755);
    symlinkSync(join('..', manifest.name, file), join(app, 'node_modules', '.bin', name));
  }
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack from a clean copy', () => {
  it('ships the built entries, bundles, CLI and schema, and no source, rendered config or tarball', () => {
    expect(packed.name).toBe('pingintelligence-ase-sideband');
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'bin/pi-akana.js',
        'dist/akana/pi_policy.js',
        'dist/akana/retain-header-policy.js',
        'dist/config.schema.json',
        'dist/cli/cli.js',
        'dist/cli/commands/validate.js',
        'dist/node/index.js',
        'dist/node/index.cjs',
        'dist/node/index.d.ts',
        'dist/node/index.d.cts',
        'dist/node/test-kit.js',
        'dist/node/test-kit.cjs',
        'dist/node/test-kit.d.ts',
        'dist/node/test-kit.d.cts',
        'dist/node/types/node/index.d.ts',
        'dist/node/types-cjs/node/index.d.cts',
        'examples/akana-config.json',
        'packaging/install-note.md',
        'README.md',
        'package.json'
      ])
    );
    expect(packed.files.filter((path) => /config\.js$/.test(path))).toEqual([]);
    expect(packed.files.filter((path) => path.endsWith('.tar.gz'))).toEqual([]);
    expect(packed.files.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    for (const file of packed.files) expect(readFileSync(join(pkgDir, file), 'utf8'), file).not.toContain(OPERATOR_SECRET);
    // Dependencies stay imports (the app's undici), and the main entry never loads nock (the test kit's alone).
    for (const entry of ['index.js', 'index.cjs']) {
      const text = readFileSync(join(pkgDir, 'dist', 'node', entry), 'utf8');
      expect(text).toMatch(entry.endsWith('.cjs') ? /require\("undici"\)/ : /^import .* from "undici";$/m);
      expect(text).not.toMatch(/["']nock["']/);
    }
    // The commands are the CLI's own files, one per command, as the dispatcher finds them.
    const commands = readdirSync(join(PROJECT_ROOT, 'cli', 'commands')).filter((file) => file.endsWith('.ts')).map((file) => file.replace(/\.ts$/, '.js'));
    expect(readdirSync(join(pkgDir, 'dist', 'cli', 'commands')).sort()).toEqual(commands.sort());
  });

  it('declares only what the shipped code imports: undici, zod, tar; nock and @opentelemetry/api as optional peers', () => {
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional: boolean }>;
      private?: boolean;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['fflate', 'tar', 'undici', 'zod']);
    expect(manifest.peerDependenciesMeta).toEqual({ '@opentelemetry/api': { optional: true }, nock: { optional: true } });
    expect(manifest.private).toBeUndefined();
  });
});

describe('the installed Node entry', { timeout: 60_000 }, () => {
  const USE = (load: (id: string) => string) => `
    ${load('node')}
    ${load('node/test-kit')}
    let code = '';
    try { node.createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a' }] } }); } catch (e) { code = e.code; }
    let otel = '';
    try { node.createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a', url: 'http://127.0.0.1:1' }] }, openTelemetry: true }); } catch (e) { otel = e.problems[0].path; }
    const policy = node.createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a', url: 'http://127.0.0.1:1' }] }, logger: {} });
    policy.checkRequest(kit.testCall()).then(async (decision) => {
      await policy.close();
      console.log(JSON.stringify([code, otel, decision.code, typeof node.piNodeMiddleware, typeof node.registerPiFastify, typeof kit.mockAse, node.Codes.BLOCKED]));
    });
  `;
  const EXPECTED = ['CONFIG_INVALID', 'openTelemetry', 'ASE_UNAVAILABLE', 'function', 'function', 'function', 'ASE_BLOCKED'];

  it('imports from ESM and runs (without @opentelemetry/api installed: asking for it is a clear startup error)', () => {
    const script = USE((id) => `import * as ${id === 'node' ? 'node' : 'kit'} from 'pingintelligence-ase-sideband/${id}';`);
    const result = run(process.execPath, ['--input-type=module', '-e', script], app);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
  });

  it('requires from CommonJS and runs', () => {
    const script = USE((id) => `const ${id === 'node' ? 'node' : 'kit'} = require('pingintelligence-ase-sideband/${id}');`);
    const result = run(process.execPath, ['--input-type=commonjs', '-e', script], app);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
  });
});

/** Diagnostics per file of one program over the given app files. */
function typecheck(sources: Record<string, string>, options: ts.CompilerOptions): Record<string, string[]> {
  const dir = join(app, 'typed');
  mkdirSync(dir, { recursive: true });
  const paths = Object.keys(sources).map((name) => {
    writeFileSync(join(dir, name), sources[name]);
    return join(dir, name);
  });
  // Library .d.ts files are not re-checked (seconds); an unresolved import in ours would turn a type into any, which the bad files catch.
  const program = ts.createProgram(paths, { strict: true, noEmit: true, skipLibCheck: true, types: ['node'], target: ts.ScriptTarget.ES2022, esModuleInterop: true, ...options });
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(sources)) {
    out[name] = ts.getPreEmitDiagnostics(program, program.getSourceFile(join(dir, name))).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

const PKG = 'pingintelligence-ase-sideband';

// Generous bounds: tsc and child processes take seconds, several times that on a busy shared machine.
describe('tsc on a typed app', { timeout: 180_000 }, () => {
  it('type-checks ESM (.ts) and CommonJS (.cts) under NodeNext, with typed config, framework requests and real types', () => {
    const diagnostics = typecheck(
      {
        'good.ts': `
          import express, { type Request } from 'express';
          import Fastify, { type FastifyRequest } from 'fastify';
          import { createAsePolicy, piFastifyPlugin, piNodeMiddleware, registerPiFastify, type AsePolicy, type ApiCall, type PolicyConfigInput, type PolicyDecision, type PolicyConfig, type DecisionEvent } from '${PKG}/node';
          import { mockAse, testCall, type MockAse } from '${PKG}/node/test-kit';
          const config = { aseToken: 't', nodes: [{ name: 'a', url: 'http://ase.test:8000' }], attemptTimeoutMs: 500, queryTokenParams: ['access_token'], propertyNames: { method: 'm' } } as const;
          const typed: PolicyConfigInput = config;
          const seen: DecisionEvent[] = [];
          const policy: AsePolicy = createAsePolicy({ config: typed, onDecision: (event) => void seen.push(event) });
          const app = express();
          app.use(piNodeMiddleware(policy, { identify: (req: Request) => ({ username: req.header('x-user'), clientId: req.get('x-client') }) }));
          app.get('/', (req, res) => { const id: string | undefined = req.piCorrelationId; res.send(id); });
          const fastify = Fastify();
          registerPiFastify(fastify, policy, { identify: (request: FastifyRequest) => ({ username: String(request.headers['x-user']) }) });
          // Without a type on the parameter: Express's Request is inferred from app.use; Fastify's hooks give the headers.
          app.use(piNodeMiddleware(policy, { identify: (req) => ({ username: req.header('x-user') }) }));
          registerPiFastify(fastify, policy, { identify: (request) => ({ username: String(request.headers['x-user']) }) });
          void fastify.register(piFastifyPlugin, { policy, identify: (request: FastifyRequest) => ({ clientId: request.id }) });
          fastify.get('/', async (request) => request.raw.piCorrelationId ?? '');
          const call: ApiCall = testCall({ url: '/x' });
          export const decision: Promise<PolicyDecision> = policy.checkRequest(call);
          export const ase: MockAse = mockAse({ nodes: ['http://ase.test:8000'] });
          export const timeout: PolicyConfig['attemptTimeoutMs'] = policy.config.attemptTimeoutMs;
        `,
        'good-cjs.cts': `
          import { createAsePolicy, piNodeMiddleware, type PolicyDecision } from '${PKG}/node';
          import kit = require('${PKG}/node/test-kit');
          const policy = createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a', url: 'http://ase.test:8000' }] } });
          export const middleware = piNodeMiddleware(policy);
          export const decision: Promise<PolicyDecision> = policy.checkRequest(kit.testCall());
        `,
        'bad.ts': `
          import { createAsePolicy } from '${PKG}/node';
          import { mockAse } from '${PKG}/node/test-kit';
          export const wrong: number = createAsePolicy;
          export const verdict: 'allow' = (null as unknown as Awaited<ReturnType<ReturnType<typeof createAsePolicy>['checkRequest']>>).verdict;
          export const calls: string = mockAse({ nodes: [] }).calls;
        `,
        'bad-cjs.cts': `
          import { createAsePolicy } from '${PKG}/node';
          export const wrong: number = createAsePolicy;
        `,
        'typo.ts': `
          import { createAsePolicy } from '${PKG}/node';
          createAsePolicy({ config: { aseTokn: 't', nodes: [{ name: 'a', url: 'http://ase.test:8000' }] } });
        `,
        'wrong-type.ts': `
          import { createAsePolicy } from '${PKG}/node';
          createAsePolicy({ config: { aseToken: 't', nodes: [{ name: 'a', url: 'http://ase.test:8000' }], attemptTimeoutMs: '500' } });
        `,
        'no-token.ts': `
          import { createAsePolicy } from '${PKG}/node';
          createAsePolicy({ config: { nodes: [{ name: 'a', url: 'http://ase.test:8000' }] } });
        `,
        'no-url.ts': `
          import { createAsePolicy } from '${PKG}/node';
          createAsePolicy({ config: { aseToken: 't', nodes: [{ name: 'a' }] } });
        `
      },
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
    );
    expect(diagnostics['good.ts']).toEqual([]);
    expect(diagnostics['good-cjs.cts']).toEqual([]);
    // Each wrong line is an error: the declarations carry real types (a lost import would make them any).
    expect(diagnostics['bad.ts']).toHaveLength(3);
    expect(diagnostics['bad-cjs.cts']).toHaveLength(1);
    expect(diagnostics['typo.ts']).toEqual([expect.stringContaining("'aseTokn' does not exist")]);
    expect(diagnostics['wrong-type.ts']).toEqual([expect.stringMatching(/Type 'string' is not assignable to type 'number'/)]);
    expect(diagnostics['no-url.ts']).toEqual([expect.stringContaining("Property 'url' is missing")]);
    expect(diagnostics['no-token.ts']).toEqual([expect.stringContaining("Property 'aseToken' is missing")]);
  });

  it("type-checks a CommonJS app on TypeScript's older node10 resolution (typesVersions)", () => {
    const diagnostics = typecheck(
      {
        'legacy.ts': `
          import { createAsePolicy, type PolicyDecision } from '${PKG}/node';
          import { testCall } from '${PKG}/node/test-kit';
          const policy = createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'a', url: 'http://ase.test:8000' }] } });
          export const decision: Promise<PolicyDecision> = policy.checkRequest(testCall());
          export const wrong: number = createAsePolicy;
        `
      },
      { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }
    );
    expect(diagnostics['legacy.ts']).toEqual([expect.stringContaining("is not assignable to type 'number'")]);
  });
});

describe('the test kit from the installed package', { timeout: 120_000 }, () => {
  it("runs in the app's own vitest: a deny-listed token is blocked, every expected ASE call happened", () => {
    writeFileSync(
      join(app, 'vitest.setup.js'),
      // The README's Node 20 setup for nock 15.
      `if (!('withResolvers' in Promise)) Object.assign(Promise, { withResolvers() { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; } });\n`
    );
    writeFileSync(join(app, 'vitest.config.js'), `export default { test: { include: ['kit.test.js'], setupFiles: ['./vitest.setup.js'] } };\n`);
    writeFileSync(
      join(app, 'kit.test.js'),
      `
      import { expect, it } from 'vitest';
      import { createAsePolicy } from '${PKG}/node';
      import { mockAse, testCall } from '${PKG}/node/test-kit';
      it('blocks a deny-listed bearer token', async () => {
        const ase = mockAse({ nodes: ['http://ase.test:8000'], token: 't', deny: { tokens: ['stolen'] } });
        try {
          const policy = createAsePolicy({ config: { aseToken: 't', nodes: [{ name: 'primary', url: 'http://ase.test:8000' }] }, logger: { debug() {}, warn() {}, error() {} } });
          const decision = await policy.checkRequest(testCall({ headers: { host: 'api.example.com', authorization: 'Bearer stolen' } }));
          await policy.close();
          expect(decision).toMatchObject({ verdict: 'block', clientStatus: 403, code: 'ASE_BLOCKED', node: 'primary' });
          ase.assertDone();
        } finally {
          ase.restore();
        }
      });
      `
    );
    const result = run(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', '--outputFile=results.json'], app);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(app, 'results.json'), 'utf8')) as {
      numPassedTests: number;
      numTotalTests: number;
      testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
    };
    expect([report.numPassedTests, report.numTotalTests]).toEqual([1, 1]);
    expect(report.testResults[0].assertionResults.map((test) => [test.title, test.status])).toEqual([['blocks a deny-listed bearer token', 'passed']]);
  });
});

describe('the CLI from node_modules/.bin', { timeout: 60_000 }, () => {
  const bin = () => join(app, 'node_modules', '.bin', 'pi-akana');
  const cli = (...args: string[]) => run(bin(), args, app);

  it('--version and --help: every command loads from the built JavaScript, no tsx', () => {
    const version = cli('--version');
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`pi-akana ${packed.version}\n`);
    const help = cli('--help');
    expect(help.status).toBe(0);
    for (const name of ['ase-standin', 'attach', 'build', 'docs', 'package', 'start', 'upload', 'validate']) expect(help.stdout).toContain(`  ${name} `);
    expect(help.stdout).not.toContain('cannot load');
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
  });

  it('validate: a valid config passes and writes nothing; --schema-out writes the schema in your folder; a typo fails naming the field', () => {
    writeFileSync(join(app, 'ase.json'), JSON.stringify({ aseToken: 'token-1', nodes: [{ name: 'primary', url: 'https://ase.example.com:8443' }] }));
    const valid = cli('validate', 'ase.json');
    expect(valid.stdout).toContain('ase.json: valid (1 ASE node)');
    expect(valid.status).toBe(0);
    expect(existsSync(join(app, 'dist', 'config.schema.json'))).toBe(false);
    const withSchema = cli('validate', 'ase.json', '--schema-out', 'schema/ase.schema.json');
    expect(withSchema.status, withSchema.stderr).toBe(0);
    expect(readFileSync(join(app, 'schema', 'ase.schema.json'), 'utf8')).toBe(readFileSync(join(pkgDir, 'dist', 'config.schema.json'), 'utf8'));
    writeFileSync(join(app, 'typo.json'), JSON.stringify({ aseToken: 'token-1', nodes: [{ name: 'primary', url: 'https://ase.example.com:8443' }], retryAfterMS: 5 }));
    const typo = cli('validate', 'typo.json');
    expect(typo.status).toBe(1);
    expect(typo.stdout).toMatch(/retryAfterMS: .*retryAfterMs/);
  });

  it('build renders config.js beside the prebuilt bundles and packs the Akana tarball, compiling nothing', () => {
    const akanaConfig = {
      aseToken: 'token-1',
      nodes: ['primary', 'secondary'].map((name) => ({
        name,
        service: `{urn:test}ase-${name}`,
        interface: `{urn:test}ase-${name}_PortType`,
        requestOperation: 'postRequestMetadata',
        responseOperation: 'postResponseMetadata'
      }))
    };
    writeFileSync(join(app, 'akana.json'), JSON.stringify(akanaConfig));
    const build = cli('build', '--config', 'akana.json');
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toContain('prebuilt scripts of this package');
    expect(readFileSync(join(app, 'dist', 'akana', 'pi_policy.js'), 'utf8')).toBe(readFileSync(join(pkgDir, 'dist', 'akana', 'pi_policy.js'), 'utf8'));
    const tarball = join(app, 'dist', `pi-api-akana-policy-${packed.version}.tar.gz`);
    const configJs = execFileSync('tar', ['-xzOf', tarball, `pi-api-akana-policy-${packed.version}/config.js`], { encoding: 'utf8' });
    expect(configJs).toContain('var ase_token = "token-1";');
    expect(configJs).toContain('{urn:test}ase-secondary');
    expect(existsSync(join(pkgDir, 'dist', 'akana', 'config.js'))).toBe(false);
    // package re-packs what build wrote in your folder.
    const repack = cli('package');
    expect(repack.status, repack.stderr).toBe(0);
    expect(repack.stdout).toContain(`pi-api-akana-policy-${packed.version}/config.js`);
  });

  it('ase-standin serves the sideband contract until stopped', async () => {
    const child = spawn(bin(), ['ase-standin', '--port', '0', '--token', 'standin-token'], { cwd: app, env: childEnv() });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
          if (found) resolve(found[1]);
        });
        child.once('exit', (code) => reject(new Error(`ase-standin exited with ${code}: ${out}`)));
      });
      const wrongToken = await fetch(`${url}/ase/request`, { method: 'POST', headers: { 'ase-token': 'wrong', 'content-type': 'application/json' }, body: '{}' });
      expect(wrongToken.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    expect(code).toBe(0);
  });

  it('docs says it needs a source checkout, and exits 1', () => {
    const docs = cli('docs');
    expect(docs.status).toBe(1);
    expect(docs.stderr).toContain('source checkout');
  });
});
