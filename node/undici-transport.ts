// The Node host's transport to ASE: keep-alive connections per node, CA-verified TLS, one deadline timer for every attempt (Node).

import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import type { AsyncTransport, AttemptResult, SidebandHeaders, SidebandMessage } from '../policies/core/host';
import { Codes } from '../policies/core/errors';
import type { AseTlsOptions } from './node-config';
import { ConnectionPool } from './connection-pool';
import { DeadlineTimer } from './deadline-timer';
import { SidebandAttempt, type AttemptOwner } from './sideband-attempt';

export interface UndiciTransport extends AsyncTransport {
  /** GET /ase (ASE's health URL, enable_ase_health) on one node: its status, or the failure. */
  probe(node: AseNode, timeoutMs: number): Promise<AttemptResult>;
  /** Connections opened so far, every node together. */
  connections(): number;
  /** Waits for calls in flight (each bounded by its timeout), then closes every connection. */
  close(): Promise<void>;
}

export interface UndiciTransportOptions {
  /** Most connections per node (asyncMode: asyncMaxInFlight); default unlimited. */
  maxConnectionsPerNode?: number;
  /** A node sent its status, then its body stalled, was cut or ran too long; the connection was dropped. */
  onAnswerFault?: (node: AseNode, path: string, status: number, what: string) => void;
}

/**
 * Headers for undici as a flat [name, value, ...] list. Connection is left out: undici manages
 * keep-alive itself and writes `connection: keep-alive` on every request it means to keep open.
 */
export function undiciHeaders(headers: SidebandHeaders[]): string[] {
  const flat: string[] = [];
  for (const header of headers) {
    if (header.name.toLowerCase() === 'connection') continue;
    flat.push(header.name, header.value);
  }
  return flat;
}

const NO_HEADERS: string[] = [];

/** One connection pool per configured node, created up front (nodes come from the validated config). */
export function undiciTransport(config: PolicyConfig, tls: AseTlsOptions = {}, options: UndiciTransportOptions = {}): UndiciTransport {
  const pools = new Map<AseNode, ConnectionPool>();
  const poolOptions = { connectTimeoutMs: config.connectTimeoutMs, tls, maxConnections: options.maxConnectionsPerNode ?? Infinity };
  for (const node of config.nodes) pools.set(node, new ConnectionPool(node.url as string, poolOptions));
  const deadlines = new DeadlineTimer();
  const onAnswerFault = options.onAnswerFault;
  let closed = false;
  let running = 0;
  let idle: (() => void) | null = null;

  const owner: AttemptOwner = {
    deadlines,
    ended(): void {
      running--;
      if (running === 0 && idle) idle();
    },
    onAnswerFault(node, path, status, what) {
      if (onAnswerFault) onAnswerFault(node, path, status, what);
    }
  };

  function dispatch(node: AseNode, method: 'POST' | 'GET', path: string, headers: string[], body: string | null, timeoutMs: number): Promise<AttemptResult> {
    const pool = pools.get(node);
    if (closed) return Promise.resolve({ kind: 'failure', code: Codes.TRANSPORT, detail: 'the policy was closed' });
    if (!pool) return Promise.resolve({ kind: 'failure', code: Codes.TRANSPORT, detail: 'no connection pool for node ' + node.name });
    running++;
    return new Promise<AttemptResult>((settle) => {
      new SidebandAttempt(owner, node, pool, { path, method, headers, body }, Math.max(1, Math.floor(timeoutMs)), settle);
    });
  }

  return {
    send(node: AseNode, message: SidebandMessage, timeoutMs: number): Promise<AttemptResult> {
      return dispatch(node, 'POST', message.path, undiciHeaders(message.headers), message.body, timeoutMs);
    },
    probe(node: AseNode, timeoutMs: number): Promise<AttemptResult> {
      return dispatch(node, 'GET', '/ase', NO_HEADERS, null, timeoutMs);
    },
    connections(): number {
      let count = 0;
      for (const pool of pools.values()) count += pool.size;
      return count;
    },
    async close(): Promise<void> {
      closed = true;
      // Every attempt ends by its deadline at the latest (a body still trickling in included).
      if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
      deadlines.stop();
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    }
  };
}
