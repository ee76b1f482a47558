// Evaluates an operator's config.js (Ping's own file or ours, hand-edited) safely in node:vm and returns its variables as plain data (Node only).
//
// config.js is JavaScript, so reading it means running it. It runs in a fresh context whose global
// object has no prototype (so `this.constructor.constructor` does not reach this realm's Function,
// and with it `process` or `require`), nothing bound (no require, no process, no timers), and a time
// limit that covers its microtasks too. Its variables leave the context only as a JSON string made
// inside it, under the same limit, so no getter or proxy it defines ever runs out here.
import vm from 'node:vm';
import type { AkanaConfigGlobals } from '../policies/hosts/akana';
import { configJsVariables } from '../policies/hosts/akana/config-js';
import { PING_MISSPELT_SECONDARY_SERVICE } from '../policies/core/config-fields';

/** The variables pi_policy.js reads from config.js (from the field table), Ping's misspelling included. */
export const AKANA_VARIABLES: ReadonlyArray<string> = [...configJsVariables(), PING_MISSPELT_SECONDARY_SERVICE];

/** How long config.js may run (it is a few assignments; a loop is a mistake, not a config). */
export const CONFIG_JS_TIMEOUT_MS = 1000;

export type ConfigJsRead =
  | { ok: true; globals: AkanaConfigGlobals; otherVariables: string[] }
  | { ok: false; reason: string; line?: number; column?: number };

/** A value JSON cannot carry becomes a marker string, so the validator names its variable instead of it vanishing. */
const COLLECT = `JSON.stringify({${AKANA_VARIABLES.map((name) => `${name}: typeof ${name} === 'undefined' ? undefined : ${name}`).join(', ')}},
  function (key, value) { return typeof value === 'function' ? '[a function]' : typeof value === 'symbol' ? '[a symbol]' : value; })`;

/** A property of a thrown value; errors from the context are of its realm, so no instanceof. */
function field(error: unknown, key: string): string {
  return typeof error === 'object' && error !== null && key in error ? String((error as Record<string, unknown>)[key]) : '';
}

function where(error: unknown): { line?: number; column?: number } {
  // V8 puts "label:line" on the first stack line of a syntax error, and "label:line:column" in frames.
  const stack = field(error, 'stack');
  const match = /config\.js:(\d+)(?::(\d+))?/.exec(stack);
  return match ? { line: Number(match[1]), ...(match[2] ? { column: Number(match[2]) } : {}) } : {};
}

/** Why the evaluation failed, in words that never quote config.js (it holds the token). */
function reasonOf(error: unknown, phase: 'run' | 'read'): string {
  const name = field(error, 'name') || 'Error';
  const code = field(error, 'code');
  if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return `config.js ran longer than ${CONFIG_JS_TIMEOUT_MS} ms (a loop?): it should only assign variables`;
  if (name === 'SyntaxError') return 'config.js is not valid JavaScript (SyntaxError): check quotes, commas and braces';
  if (name === 'ReferenceError') return 'config.js uses something it does not define (ReferenceError): config.js runs alone, with no require, no process and nothing from Akana';
  if (name === 'EvalError') return 'config.js evaluates code from strings (eval or Function), which reading it does not allow: assign plain values';
  return `config.js threw ${/^[A-Za-z]*Error$/.test(name) ? name : 'an exception'} while it ${phase === 'run' ? 'ran' : 'was read'}: it should only assign variables`;
}

/** Runs config.js text and returns its variables; never throws for anything the text does. */
export function readConfigJs(text: string): ConfigJsRead {
  const sandbox = Object.create(null) as object;
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
  const options = { filename: 'config.js', timeout: CONFIG_JS_TIMEOUT_MS };
  let json: unknown;
  try {
    new vm.Script(text, { filename: 'config.js' }).runInContext(context, options);
  } catch (error) {
    return { ok: false, reason: reasonOf(error, 'run'), ...where(error) };
  }
  try {
    json = new vm.Script(COLLECT, { filename: 'collect' }).runInContext(context, options);
  } catch (error) {
    return { ok: false, reason: reasonOf(error, 'read') };
  }
  if (typeof json !== 'string') return { ok: false, reason: 'config.js variables could not be read' };
  const known = new Set<string>(AKANA_VARIABLES);
  const otherVariables = Object.keys(sandbox).filter((name) => !known.has(name));
  return { ok: true, globals: JSON.parse(json) as AkanaConfigGlobals, otherVariables };
}
