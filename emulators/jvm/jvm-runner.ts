// The JVM side of every Rhino emulator, driven from Node (tests, demo, bench): finds Rhino and a JDK, compiles Java trees once into a cache, runs a main class on a JSON document.
import { packageRootOf } from '../../packaging/package-root';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = packageRootOf(import.meta.url);
/** Java shared by the emulators (JSON, script cache, engine profiles): compiled with each of them. */
export const SHARED_JAVA = join(REPO_ROOT, 'emulators', 'jvm', 'java');
const RHINO_JARS = ['/usr/share/java/js.jar', '/usr/share/java/rhino.jar'];

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

/** Runs a process to its end (killed after timeoutMs), collecting its output. */
export function runProcess(cmd: string, args: string[], timeoutMs: number, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

export interface JavaTree {
  /** Cache folder name under .cache/, e.g. 'fake-akana'. */
  cacheName: string;
  /** The emulator's own Java source root; SHARED_JAVA is always compiled with it. */
  sources: string;
  /** A class file (relative to the classes folder) whose presence means the tree compiled, e.g. 'fake/akana/PolicyRunner.class'. */
  marker: string;
}

const compiled = new Map<string, Promise<string>>();

/**
 * javac of the tree (plus the shared Java) into .cache/<cacheName>/<hash of sources>/, reused while
 * the sources are unchanged; parallel workers compile into private temp dirs and the first rename
 * wins. Returns the classes directory.
 */
export function compileJavaTree(tree: JavaTree): Promise<string> {
  let pending = compiled.get(tree.cacheName);
  if (pending) return pending;
  pending = (async () => {
    const jar = rhinoJar();
    if (!jar) throw new Error(rhinoAvailable().reason);
    const files = [...javaSourceFiles(SHARED_JAVA), ...javaSourceFiles(tree.sources)];
    const hash = createHash('sha256');
    hash.update(jar);
    for (const f of files) hash.update(relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
    const cacheDir = join(REPO_ROOT, '.cache', tree.cacheName);
    const target = join(cacheDir, hash.digest('hex').slice(0, 16));
    if (existsSync(join(target, tree.marker))) return target;
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const r = await runProcess('javac', ['-encoding', 'UTF-8', '-nowarn', '-d', tmp, '-cp', jar, ...files], 120000);
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
  compiled.set(tree.cacheName, pending);
  pending.catch(() => compiled.delete(tree.cacheName));
  return pending;
}

export interface JavaRun {
  tree: JavaTree;
  mainClass: string;
  /** Written to a temp file whose path is the main class's one argument. */
  document: unknown;
  javaArgs?: string[];
  /** Kill the JVM after this long; default 60000. */
  timeoutMs?: number;
}

/** Compiles the tree, runs mainClass on the document in ONE JVM, and parses the JSON it prints. */
export async function runJavaDocument<T>(run: JavaRun): Promise<T> {
  const classes = await compileJavaTree(run.tree);
  const jar = rhinoJar() as string;
  const file = join(tmpdir(), `${run.tree.cacheName}-${process.pid}-${randomBytes(6).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(run.document));
  try {
    const sep = process.platform === 'win32' ? ';' : ':';
    const args = [...(run.javaArgs ?? []), '-cp', `${classes}${sep}${jar}`, run.mainClass, file];
    const r = await runProcess('java', args, run.timeoutMs ?? 60000, REPO_ROOT);
    if (r.code !== 0) throw new Error(`${run.mainClass} exited with ${r.code}:\n${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  } finally {
    rmSync(file, { force: true });
  }
}
