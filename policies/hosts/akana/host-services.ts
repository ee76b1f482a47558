// Akana-side services for the core: logger over systemLog/auditLog, clock, random sources, background runner (ES5 engine).

import type { PolicyLogger } from '../../core/host';
import { describeError } from '../../core/sideband-sync';

declare var java: any;

var PREFIX = 'PingIntelligence: ';

/** A logger over Akana's Logger (debug/warn/error, no info); a missing or failing logger is silent. */
export function akanaLogger(hostLogger: any): PolicyLogger {
  function write(level: string, message: string): void {
    try {
      if (hostLogger && typeof hostLogger[level] === 'function') hostLogger[level](PREFIX + message);
    } catch (e) {
      // A broken logger must never break the API call.
    }
  }
  return {
    debug: function (message: string): void {
      var enabled = true;
      try {
        enabled = !hostLogger || typeof hostLogger.isDebugEnabled !== 'function' || !!hostLogger.isDebugEnabled();
      } catch (e) {
        enabled = false;
      }
      if (enabled) write('debug', message);
    },
    warn: function (message: string): void {
      write('warn', message);
    },
    error: function (message: string): void {
      write('error', message);
    }
  };
}

export function epochMs(): number {
  return new Date().getTime();
}

/** What java.util.UUID.randomUUID().toString() gives: a lower-case UUID v4 (RFC 9562 variant). */
var UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A correlation id from java.util.UUID.randomUUID() (a shared SecureRandom inside the JVM: two Java
 * calls, where building a SecureRandom and reading 16 bytes through Rhino's bridge costs far more);
 * '' when the class shutter hides java.util or the text is not a lower-case UUID v4.
 */
export function javaRandomUuid(): string {
  try {
    var text = String(java.util.UUID.randomUUID().toString());
    return UUID_V4.test(text) ? text : '';
  } catch (e) {
    return '';
  }
}

/** Random bytes from java.security.SecureRandom when the class shutter allows it; undefined otherwise. */
export function javaRandomBytes(): ((count: number) => number[]) | undefined {
  try {
    var random = new java.security.SecureRandom();
    return function (count: number): number[] {
      var out: number[] = [];
      for (var i = 0; i < count; i++) out.push(Number(random.nextInt(256)));
      return out;
    };
  } catch (e) {
    return undefined;
  }
}

/**
 * Runs a task without holding the API call (async, detect-only mode): a daemon java.lang.Thread when
 * Java threads are reachable, else inline. Errors inside the task are logged, never thrown.
 */
export function runInBackground(task: () => void, log: PolicyLogger): 'thread' | 'inline' {
  function guarded(): void {
    try {
      task();
    } catch (e) {
      log.error('POLICY_INTERNAL: background sideband call failed: ' + describeError(e));
    }
  }
  try {
    var thread = new java.lang.Thread(new java.lang.Runnable({ run: guarded }), 'pi-ase-sideband');
    thread.setDaemon(true);
    thread.start();
    return 'thread';
  } catch (e) {
    guarded();
    return 'inline';
  }
}

/** A java.lang.Integer where Java is reachable (Akana reads status properties as Integers), else the number. */
export function javaInteger(value: number): unknown {
  try {
    return java.lang.Integer.valueOf(value);
  } catch (e) {
    return value;
  }
}
