// Akana's implementations of the core's ports: logger over systemLog/auditLog, clock, randomness; plus the bounded background runner (ES5 engine).
//
// Port members are named top-level functions, not function expressions: Rhino's frames (and the
// bench's profile, bench/rhino-profile.ts) know a function by its name.

import type { Clock, PolicyLogger, Randomness } from '../../core/host';
import { guardEntry } from '../../core/entry-guard';
import { oneLine } from '../../core/one-line';
import { noteAsyncDropped } from '../../core/async-drops';
import { jvmHealthStore } from './health';
import { submitBounded, type Placement } from './async-worker';

declare var java: any;

var PREFIX = 'PingIntelligence: ';

/** The logger's state: Akana's Logger (debug/warn/error, no info), or null. */
interface AkanaLog extends PolicyLogger {
  host: any;
}

/**
 * A logger over Akana's Logger; a missing or failing logger is silent. Every line is made one line
 * here (core/one-line.ts): Java exception messages may hold newlines. Shared top-level methods over
 * the logger's field, not closures, which would be made again for every message.
 */
export function akanaLogger(hostLogger: any): PolicyLogger {
  var logger: AkanaLog = { host: hostLogger, debug: logDebug, warn: logWarn, error: logError };
  return logger;
}

// The guards below are catch-free (java-values.ts says why): a return in finally drops the throw.

function writeLine(hostLogger: any, level: string, message: string): void {
  try {
    if (hostLogger && typeof hostLogger[level] === 'function') hostLogger[level](PREFIX + oneLine(String(message)));
  } finally {
    // A broken logger must never break the API call.
    return;
  }
}

function logDebug(this: AkanaLog, message: string): void {
  var hostLogger = this.host;
  var enabled = false;
  try {
    enabled = !hostLogger || typeof hostLogger.isDebugEnabled !== 'function' || !!hostLogger.isDebugEnabled();
  } finally {
    // Off, or isDebugEnabled() threw (enabled is still false).
    if (!enabled) return;
  }
  writeLine(hostLogger, 'debug', message);
}

function logWarn(this: AkanaLog, message: string): void {
  writeLine(this.host, 'warn', message);
}

function logError(this: AkanaLog, message: string): void {
  writeLine(this.host, 'error', message);
}

function epochMs(): number {
  return new Date().getTime();
}

/** The Clock port: the JVM's wall clock through Date. */
export var AKANA_CLOCK: Clock = { now: epochMs };

/** What java.util.UUID.randomUUID().toString() gives: a lower-case UUID v4 (RFC 9562 variant). */
var UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A correlation id from java.util.UUID.randomUUID() (a shared SecureRandom inside the JVM: two Java
 * calls, where building a SecureRandom and reading 16 bytes through Rhino's bridge costs far more);
 * '' when the class shutter hides java.util or the text is not a lower-case UUID v4.
 */
function javaRandomUuid(): string {
  var text = '';
  try {
    text = String(java.util.UUID.randomUUID().toString());
  } finally {
    return UUID_V4.test(text) ? text : '';
  }
}

/**
 * count bytes from a new java.security.SecureRandom when the class shutter allows it; [] otherwise
 * (the core then falls back to Math.random). Only used where java.util.UUID is out of reach.
 */
function javaRandomBytes(count: number): number[] {
  var out: number[] = [];
  try {
    var random = new java.security.SecureRandom();
    for (var i = 0; i < count; i++) out.push(Number(random.nextInt(256)));
  } finally {
    // A throw leaves fewer bytes than asked: none are used.
    return out.length === count ? out : [];
  }
}

/** The Randomness port: java.util.UUID first (cheapest through Rhino's bridge), SecureRandom bytes second. */
export var AKANA_RANDOMNESS: Randomness = { uuid: javaRandomUuid, bytes: javaRandomBytes };

/**
 * Runs a task without holding the API call (async, detect-only mode): queued on the JVM's
 * background worker of `threads` threads (async-worker.ts), within `maxInFlight` calls queued or running per JVM; a call
 * beyond it is dropped and counted (one ASE_ASYNC_DROPPED line per window); inline where Java's
 * concurrency classes are out of reach. Errors inside the task are logged, never thrown.
 */
export function runInBackground(task: () => void, maxInFlight: number, threads: number, log: PolicyLogger): Placement {
  function guarded(): void {
    guardEntry('background sideband call', log, task, null, null, undefined);
  }
  var store = jvmHealthStore('async.');
  var now = epochMs();
  var placed = submitBounded(guarded, maxInFlight, threads, now, store, log);
  if (placed === 'inline') guarded();
  else if (placed === 'dropped') noteAsyncDropped(store, now, maxInFlight, 'in this JVM', log);
  return placed;
}

/** A java.lang.Integer where Java is reachable (Akana reads status properties as Integers), else the number. */
export function javaInteger(value: number): unknown {
  var boxed: unknown = value;
  try {
    boxed = java.lang.Integer.valueOf(value);
  } finally {
    return boxed;
  }
}
