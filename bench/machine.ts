// The machine a benchmark ran on: CPU, cores, memory, OS, Node, undici, Java and Rhino (Node, bench).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import type { EngineInfo } from '../emulators/akana';
import { PROJECT_ROOT } from '../packaging/entries';

function osName(): string {
  const file = '/etc/os-release';
  const pretty = existsSync(file) ? /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  return `${pretty ?? osType()} (kernel ${release()})`;
}

function javaVersion(): string {
  const lines = (spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr ?? '').split('\n').map((l) => l.trim());
  return lines.filter((l) => /version|Runtime Environment/.test(l)).join(', ') || 'unknown';
}

function undiciVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'undici', 'package.json'), 'utf8')) as { version: string }).version;
}

/** `loadAtStart`: os.loadavg()[0] when the run began; the load at the end is read here. */
export function describeMachine(engine: EngineInfo | undefined, loadAtStart: number): Array<[string, string]> {
  const list = cpus();
  return [
    ['CPU', `${[...new Set(list.map((c) => c.model.trim()))].join(', ') || 'unknown'}, ${list.length} cores (shared with other work: compare ratios, not absolute times)`],
    ['load average (1 min)', `${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end of the run (other work on the same cores)`],
    ['memory', `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ['OS', osName()],
    ['Node', `${process.version}, undici ${undiciVersion()}`],
    ['Java', javaVersion()],
    ['Rhino', engine ? `${engine.rhino} (language version ${engine.languageVersion}, optimization level ${engine.optimizationLevel}, profile ${engine.profile})` : 'not run']
  ];
}
