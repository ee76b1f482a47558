// Public types of the ASE stand-in, the loopback sideband server used by tests and demos (Node only).

/** How the stand-in misbehaves; `none` (the default) answers per the contract. */
export type FaultMode = 'none' | 'refuse' | 'reset' | 'status' | 'garbage' | 'hang' | 'stall-headers' | 'stall-body' | 'slow-drip' | 'huge';

export interface Fault {
  /**
   * Delay before the answer (or before the reset/garbage), in ms; for `slow-drip` the time between
   * two bytes of the body (default 1000). Ignored by `refuse`, `hang` and `stall-headers`.
   */
  delayMs?: number;
  /**
   * - `refuse`: stop listening, drop open sockets (connections refused); re-listen on the same port when the mode changes
   * - `reset`: read the request, then reset the TCP connection (RST)
   * - `status`: answer `status` (default 500) to every call
   * - `garbage`: write non-HTTP bytes and close
   * - `hang`: read the request and never answer (until `close()`)
   * - `stall-headers`: write a status line and half a header, then nothing (until `close()`)
   * - `stall-body`: the contract's status and headers, half the body, then nothing (until `close()`)
   * - `slow-drip`: the contract's status and headers, then the body one byte per delayMs
   * - `huge`: the contract's status and headers, then a 10 MB body
   *
   * Every mode but `refuse` answers GET /ase (ASE's health URL) the same way it answers calls.
   */
  mode?: FaultMode;
  /** The status of mode `status`. */
  status?: number;
}

import type { DenyLists, KnownApi } from '../node/ase-contract/contract-types';
export type { ApiKeyEntry, DenyLists, KnownApi } from '../node/ase-contract/contract-types';

export interface StandinOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Expected `ASE-Token`; '' (the default) disables the check. */
  token?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  deny?: DenyLists;
  /** When set, an /ase/request whose host + url matches none of these gets 503. */
  knownApis?: KnownApi[];
  faults?: Fault;
  /** Shown in error messages, e.g. 'primary'. Default 'ase-standin'. */
  name?: string;
  /**
   * Keep calls in `calls` (default true). Off for long demos and benchmarks: `calls` stays empty,
   * `waitForCalls` rejects, `onCall` still sees every call.
   */
  recordCalls?: boolean;
  /** Called once per call (the CLI prints them). A throwing observer is ignored. */
  onCall?: (call: RecordedCall) => void;
}

export interface RecordedCall {
  /** The request target as received, query string included. */
  path: string;
  method: string;
  /** Lower-case names; repeated headers joined with ', '. Holds the ASE-Token: never print it. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw string when it is not JSON. */
  body: unknown;
  rawBody: string;
  /** The status answered; 0 when the fault sent no HTTP answer (reset, garbage, hang). */
  status: number;
  /** Why: 'allowed', 'denied ip 1.2.3.4', 'bad token', 'invalid body: ...', 'unknown api', 'not found', 'fault', ... */
  reason: string;
  /** The fault mode that produced the answer, when one did. */
  fault?: FaultMode;
  receivedAt: number;
  /** 1, 2, ... one per TCP connection, so tests can assert keep-alive reuse. */
  connectionId: number;
}

export interface AseStandin {
  /** Base URL, e.g. 'http://127.0.0.1:40123' (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly name: string;
  /** Every call in arrival order, rejected ones included (a live array). */
  readonly calls: RecordedCall[];
  /** Resolves once the fault is in force (for `refuse`: not listening; leaving `refuse`: listening again). */
  setFaults(fault: Fault): Promise<void>;
  setDeny(deny: DenyLists): void;
  /** Replace the known API list; `undefined` accepts every API. */
  setKnownApis(apis: KnownApi[] | undefined): void;
  clearCalls(): void;
  /** Resolves with a copy of the calls once at least `count` were recorded; rejects after `timeoutMs` (default 5000). */
  waitForCalls(count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** What is open right now and the most there ever was: calls received but not answered to the end, and sockets. */
  load(): StandinLoad;
  /** Stops listening and destroys every socket (hung and idle keep-alive ones too). */
  close(): Promise<void>;
}

export interface StandinLoad {
  /** Calls received whose answer has not been sent to its end (nor its socket closed). */
  inFlight: number;
  peakInFlight: number;
  /** Open TCP connections. */
  connections: number;
  peakConnections: number;
}
