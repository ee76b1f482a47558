// The port: what a host adapter provides to the core (ES5 engine and Node). The core names no gateway global.

import type { TransportFailureCode } from './errors';
import type { AseNode } from './config-types';

export interface PolicyLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Node health shared across calls: when a node may be tried again, and which once-per-node log
 * lines were already written. Akana keeps it in JVM system properties (script globals do not
 * reliably survive between calls); Node keeps it in memory.
 */
export interface HealthStore {
  /** Epoch ms until which the node is skipped; 0 when up. */
  getDownUntil(nodeName: string): number;
  setDownUntil(nodeName: string, epochMs: number): void;
  /** True the first time it is called for this key, false afterwards. */
  firstTime(key: string): boolean;
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
 * the outcome. Must not throw: failures come back as { kind: 'failure' }.
 */
export interface SyncTransport {
  send(node: AseNode, message: SidebandMessage, timeoutMs: number): AttemptResult;
}

/** Everything the core needs from a host besides the transport. */
export interface HostServices {
  now(): number;
  /** 16 random bytes (0..255) for the correlation id; hosts without a CSPRNG may omit it. */
  randomBytes?: (count: number) => number[];
  log: PolicyLogger;
  health: HealthStore;
}
