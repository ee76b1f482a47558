// The machine a benchmark ran on: CPU, cores, memory, OS, Node, undici, Java and Rhino versions (Node, bench).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../packaging/entries';
import type { EngineInfo } from '../emulators/akana';
import type { Machine } from './report';

function osName(): string {
  const file = '/etc/os-release';
  const pretty = existsSync(file) ? /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  return `${pretty ?? osType()} (kernel ${release()})`;
}

function javaVersion(): string {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const first = (r.stderr || r.stdout || '').split('\n').find((l) => l.trim() !== '');
  const runtime = (r.stderr || '').split('\n').find((l) => /Runtime Environment/.test(l));
  return [first?.trim(), runtime ? `(${runtime.trim()})` : ''].filter(Boolean).join(' ') || 'unknown';
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(engine: EngineInfo | undefined): Machine {
  const list = cpus();
  const models = [...new Set(list.map((c) => c.model.trim()))].join(', ');
  return {
    cpu: models || 'unknown',
    cores: list.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: osName(),
    node: process.version,
    undici: packageVersion('undici'),
    java: javaVersion(),
    rhino: engine
      ? `${engine.rhino} (language version ${engine.languageVersion}, optimization level ${engine.optimizationLevel}, profile ${engine.profile})`
      : 'not run'
  };
}
