// JVM driver of the Akana emulator (Node: tests, demo, bench): compiles java/ (the fake of Akana's script API) and runs scenarios in Rhino 1.7.14.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { packageRootOf } from '../../packaging/package-root';
import type { RunDocument, RunOptions, Scenario, ScenarioResult } from './scenario-protocol';

const REPO_ROOT = packageRootOf(import.meta.url);
const JAVA_SOURCES = join(REPO_ROOT, 'emulators', 'akana', 'java');
const CACHE_DIR = join(REPO_ROOT, '.cache', 'fake-akana');
const RHINO_JARS = ['/usr/share/java/js.jar', '/usr/share/java/rhino.jar'];

// ---------------------------------------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------------------------------------

let availability: { ok: boolean; reason: string } | undefined;

/** The Rhino jar on this machine ($RHINO_JAR wins), or undefined. */
export function rhinoJar(): string | undefined {
  const candidates = process.env.RHINO_JAR ? [process.env.RHINO_JAR] : RHINO_JARS;
  return candidates.find((p) => existsSync(p));
}

/** Synchronous so it can gate `it.skipIf(...)` at collection time. */
export function rhinoAvailable(options: { refresh?: boolean } = {}): { ok: boolean; reason: string } {
  if (availability && !options.refresh) return availability;
  const jar = rhinoJar();
  if (!jar) {
    availability = { ok: false, reason: `no Rhino jar (${RHINO_JARS.join(', ')}; or set RHINO_JAR)` };
    return availability;
  }
  for (const tool of ['java', 'javac']) {
    const r = spawnSync(tool, ['-version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      availability = { ok: false, reason: `${tool} not runnable: ${r.error?.message ?? r.stderr}` };
      return availability;
    }
  }
  availability = { ok: true, reason: `Rhino at ${jar}` };
  return availability;
}

function javaSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...javaSourceFiles(p));
    else if (entry.name.endsWith('.java')) out.push(p);
  }
  return out.sort();
}

function run(cmd: string, args: string[], timeoutMs: number, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

let compiled: Promise<string> | undefined;

/**
 * javac of emulators/akana/java into .cache/fake-akana/<hash of sources>/ (reused while the sources are
 * unchanged; parallel workers compile into private temp dirs and the first rename wins). Returns the
 * classes directory.
 */
export function compileFakeAkana(): Promise<string> {
  compiled ??= (async () => {
    const jar = rhinoJar();
    if (!jar) throw new Error(rhinoAvailable().reason);
    const files = javaSourceFiles(JAVA_SOURCES);
    const hash = createHash('sha256');
    hash.update(jar);
    for (const f of files) {
      hash.update(relative(JAVA_SOURCES, f)).update('\0').update(readFileSync(f)).update('\0');
    }
    const target = join(CACHE_DIR, hash.digest('hex').slice(0, 16));
    if (existsSync(join(target, 'fake', 'akana', 'PolicyRunner.class'))) return target;
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const r = await run('javac', ['-encoding', 'UTF-8', '-nowarn', '-d', tmp, '-cp', jar, ...files], 120000);
    if (r.code !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(`javac failed:\n${r.stderr}${r.stdout}`);
    }
    try {
      renameSync(tmp, target);
    } catch {
      // Another worker got there first with the same sources.
      rmSync(tmp, { recursive: true, force: true });
      if (!statSync(target).isDirectory()) throw new Error(`cannot install ${target}`);
    }
    return target;
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

/** Runs every scenario in ONE JVM (one Rhino Context) and returns the whole document, engine info included. */
export async function runScenarioDocument(scenarios: Scenario[], options: RunOptions = {}): Promise<RunDocument> {
  const classes = await compileFakeAkana();
  const jar = rhinoJar() as string;
  const file = join(tmpdir(), `fake-akana-${process.pid}-${randomBytes(6).toString('hex')}.json`);
  const runnerOptions = {
    repeat: options.repeat,
    optimizationLevel: options.optimizationLevel,
    profile: options.profile,
    classShutter: options.classShutter,
    baseDir: resolve(options.baseDir ?? REPO_ROOT)
  };
  writeFileSync(file, JSON.stringify({ options: runnerOptions, scenarios }));
  try {
    const sep = process.platform === 'win32' ? ';' : ':';
    const args = [...(options.javaArgs ?? []), '-cp', `${classes}${sep}${jar}`, 'fake.akana.PolicyRunner', file];
    const r = await run('java', args, options.timeoutMs ?? 60000, REPO_ROOT);
    if (r.code !== 0) throw new Error(`PolicyRunner exited with ${r.code}:\n${r.stderr}`);
    const doc = JSON.parse(r.stdout) as RunDocument;
    if (!options.allowHarnessErrors) {
      const bad = doc.scenarios.filter((s) => s.error !== null);
      if (bad.length > 0) throw new Error(bad.map((s) => `scenario ${s.name}: ${s.error}`).join('\n'));
    }
    return doc;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Runs every scenario in one JVM; results in the same order. */
export async function runScenarios(scenarios: Scenario[], options: RunOptions = {}): Promise<ScenarioResult[]> {
  return (await runScenarioDocument(scenarios, options)).scenarios;
}
