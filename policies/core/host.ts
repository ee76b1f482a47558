// The ports: every service the core needs from a host, each implemented by name by every host (ES5 engine and Node).
//
// The core names no gateway global. Akana implements these in policies/hosts/akana (services.ts,
// health.ts, transport.ts), Node in node/ (node-ports.ts, logger.ts, undici-transport.ts; health
// in memory: core/memory-health.ts). No method of a port may throw into the core.

import type { TransportFailureCode } from './errors';
import type { AseNode } from './config-types';

/** Log lines, each already starting with its code. Must not throw (wrap a user's logger). */
export interface PolicyLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Epoch milliseconds. The drivers take its now, the call's time budget is measured with it. */
export interface Clock {
  now(): number;
}

/**
 * The host's random source, for the X-CorrelationID. Both methods are called unbound and may fail
 * (the core then falls back to Math.random: the id only pairs two sideband calls).
 */
export interface Randomness {
  /** A lower-case UUID v4 from the host's CSPRNG, or '' when it has none at hand. */
  uuid(): string;
  /** count random bytes (0..255, or signed -128..127) from the host's CSPRNG; [] when it has none. */
  bytes(count: number): number[];
}

/**
 * Node health shared across calls: when a node may be tried again, which once-per-node log lines
 * were already written, and the counts behind once-per-window lines (core/report-window.ts). Akana
 * keeps it in JVM system properties (script globals do not reliably survive between calls); Node
 * keeps it in memory.
 */
export interface HealthStore {
  /** Epoch ms until which the node is skipped; 0 when up. */
  getDownUntil(nodeName: string): number;
  setDownUntil(nodeName: string, epochMs: number): void;
  /** True the first time it is called for this key, false afterwards. */
  firstTime(key: string): boolean;
  /** A number kept under key; 0 when none was written. */
  readNumber(key: string): number;
  writeNumber(key: string, value: number): void;
}

/** Headers sent with every sideband call (ASE-Token only when configured). */
export interface SidebandHeaders {
  name: string;
  value: string;
}

/** What one sideband attempt produced, as the host reports it to the state machine. */
export type AttemptResult =
  | { kind: 'status'; status: number }
  | { kind: 'failure'; code: TransportFailureCode; detail: string };

export type SidebandPath = '/ase/request' | '/ase/response';

/** One sideband message ready to go: path, JSON body, headers. */
export interface SidebandMessage {
  path: SidebandPath;
  body: string;
  headers: SidebandHeaders[];
}

/**
 * A synchronous transport (ES5 hosts): send one message to one node within timeoutMs and report
 * the outcome. Driven by core/sideband-sync.ts, which catches a throw out of send: `failed` (when
 * given) says what it means, for a host whose delivery reports failures by throwing (Akana's
 * Messenger); without it, a throw is an ASE_TRANSPORT failure.
 */
export interface SyncTransport {
  send(node: AseNode, message: SidebandMessage, timeoutMs: number): AttemptResult;
  failed?(error: unknown): AttemptResult;
}

/**
 * An asynchronous transport (Node): send one message to one node within timeoutMs and resolve with
 * the outcome. Should not reject: failures resolve as { kind: 'failure' } (a rejection is reported
 * as one). Driven by node/sideband-async.ts (async/await is not ES5, so that driver lives in Node).
 */
export interface AsyncTransport {
  send(node: AseNode, message: SidebandMessage, timeoutMs: number): Promise<AttemptResult>;
}
