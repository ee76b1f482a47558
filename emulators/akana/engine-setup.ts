// Brings the Akana engine (Debian's Rhino + a JDK) onto a fresh machine when it can, as `playwright install --with-deps` does for browsers (Node: npm start, npm test).
import { spawnSync } from 'node:child_process';
import { rhinoAvailable } from './jvm-driver';

/** The Debian packages that hold the engine: the Rhino jar (/usr/share/java/js.jar) and java + javac. */
export const ENGINE_PACKAGES = ['rhino', 'default-jdk-headless'];

/** Set to 1 to neither install nor require the engine: npm start runs the Node host, npm test skips the Rhino tests (and says so). */
export const SKIP_ENGINE_VARIABLE = 'PI_SKIP_ENGINE';

/** The command a person runs to install the engine by hand. */
export const INSTALL_COMMAND = `sudo apt-get install -y ${ENGINE_PACKAGES.join(' ')}`;

export interface EngineState {
  ok: boolean;
  /** Where the engine is, or why it is missing. */
  reason: string;
  /** True when the caller opted out with PI_SKIP_ENGINE=1. */
  skipped: boolean;
}

export function engineSkipped(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env[SKIP_ENGINE_VARIABLE] ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

function canInstall(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function apt(args: string[]): { ok: boolean; output: string } {
  const r = spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return { ok: r.status === 0, output: r.error ? r.error.message : output.split('\n').slice(-3).join(' | ') };
}

/**
 * The engine's state after trying to provide it: present already; installed now with apt-get (root and
 * apt-get present; each step announced on `say`); or missing, with the exact command to run. Never throws.
 */
export function ensureEngine(say: (line: string) => void): EngineState {
  const before = rhinoAvailable();
  if (before.ok) return { ok: true, reason: before.reason, skipped: false };
  if (engineSkipped()) {
    return { ok: false, reason: `${before.reason}; ${SKIP_ENGINE_VARIABLE}=1 set, so the engine is neither installed nor required`, skipped: true };
  }
  if (!canInstall()) {
    return { ok: false, reason: `${before.reason}; install it with: ${INSTALL_COMMAND}`, skipped: false };
  }
  say(`engine: ${before.reason}; installing Debian's ${ENGINE_PACKAGES.join(' and ')} (apt-get update, then apt-get install -y ${ENGINE_PACKAGES.join(' ')})`);
  const update = apt(['update', '-qq']);
  const install = update.ok ? apt(['install', '-y', '-qq', ...ENGINE_PACKAGES]) : update;
  const after = rhinoAvailable({ refresh: true });
  if (after.ok) {
    say(`engine: installed (${after.reason})`);
    return { ok: true, reason: after.reason, skipped: false };
  }
  const what = install.ok ? 'apt-get installed the packages, yet the engine is still missing' : `apt-get failed (${install.output})`;
  return { ok: false, reason: `${after.reason}; ${what}; install it with: ${INSTALL_COMMAND}`, skipped: false };
}
