// One sideband attempt on the Node host as an undici dispatch handler: decided at the status, the body read in the background within bounds (Node).
//
// ASE's body is not part of the contract: the attempt resolves as soon as the status arrives, so a body
// that stalls, is cut or runs on never delays the API call. The rest of the answer is then read (and
// dropped) in the background: up to MAX_ANSWER_BYTES within the attempt's timeout, else the
// connection is dropped and the node's misbehaviour reported (onAnswerFault). No stream object is made
// for the body: the handler counts bytes as undici hands them over.

import type { AseNode } from '../policies/core/config-types';
import type { AttemptResult } from '../policies/core/host';
import { Codes } from '../policies/core/errors';
import type { Connection, ConnectionPool } from './connection-pool';
import { monotonicNow, type DeadlineTimer, type Expiring } from './deadline-timer';
import { classifyTransportError } from './transport-errors';

/** ASE answers are tiny and not part of the contract: past this much the connection is dropped. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** What an attempt needs from its transport. */
export interface AttemptOwner {
  readonly deadlines: DeadlineTimer;
  /** The attempt is over (undici is done with it); its connection was released. */
  ended(): void;
  /** The node sent a status, then its body misbehaved (`what` says how); the decision stands. */
  onAnswerFault(node: AseNode, path: string, status: number, what: string): void;
}

/** What is sent: the same on a retry. */
export interface AttemptRequest {
  path: string;
  method: 'POST' | 'GET';
  headers: string[];
  body: string | null;
}

/** Our own abort reasons: not reported again when undici hands them back through onError. */
class Stopped extends Error {}

/** How a keep-alive connection that ASE already closed fails a request written on it (before any answer). */
const STALE_CONNECTION_CODES = ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'];

/**
 * The undici handler of one attempt (legacy dispatch API: onConnect, onHeaders, onData, onComplete,
 * onError, the one undici's own request() uses). `settle` receives the attempt's one result.
 */
export class SidebandAttempt implements Expiring {
  deadline: number;
  private settle: ((result: AttemptResult) => void) | null;
  private abort: ((reason: Error) => void) | null = null;
  /** Set once we stopped the attempt: its abort reason. */
  private stopped: Stopped | null = null;
  private connection: Connection;
  private status = 0;
  private bytes = 0;
  private ended = false;
  /** Written on a connection that had answered before (keep-alive reuse), and whether it was sent again. */
  private reused = false;
  private retried = false;

  constructor(
    private readonly owner: AttemptOwner,
    private readonly node: AseNode,
    private readonly pool: ConnectionPool,
    private readonly request: AttemptRequest,
    private readonly timeoutMs: number,
    settle: (result: AttemptResult) => void
  ) {
    this.settle = settle;
    this.deadline = monotonicNow() + timeoutMs;
    owner.deadlines.watch(this);
    this.connection = pool.acquire();
    this.send();
  }

  onConnect(abort: (reason: Error) => void): void {
    // Stopped while it waited for its connection: it never goes out.
    if (this.stopped) {
      abort(this.stopped);
      return;
    }
    this.abort = abort;
    this.reused = this.connection.answered > 0;
  }

  onHeaders(statusCode: number): boolean {
    if (statusCode < 200) return true; // 100 Continue and the like: the answer is still to come
    this.status = statusCode;
    this.resolve({ kind: 'status', status: statusCode });
    // From here the body has the attempt's timeout of its own to arrive, then the connection goes.
    this.deadline = monotonicNow() + this.timeoutMs;
    this.owner.deadlines.watch(this);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    if (this.bytes > MAX_ANSWER_BYTES && !this.stopped) this.fault('ran past ' + MAX_ANSWER_BYTES / 1024 + ' KB');
    return true;
  }

  onComplete(): void {
    this.connection.answered++;
    this.end();
  }

  onError(error: Error): void {
    const ours = this.stopped !== null;
    if (this.settle && !ours && this.staleConnection(error)) {
      // ASE had closed this idle keep-alive connection before our request reached it (its FIN was
      // still unread): the request was not taken, so it goes once more, on a fresh connection.
      this.retried = true;
      this.release();
      this.connection = this.pool.acquire();
      this.send();
      return;
    }
    this.end();
    if (this.settle) {
      const failure = classifyTransportError(error);
      // A socket closed after a TLS alert (client certificate refused) is a TLS failure, not a reset.
      const tlsError = this.connection.tlsError;
      this.resolve({ kind: 'failure', ...(tlsError && failure.code !== Codes.TLS ? classifyTransportError(tlsError) : failure) });
      return;
    }
    if (!ours) this.report('was cut (' + classifyTransportError(error).detail + ')');
  }

  /** The deadline passed: no status yet is a timeout; a status without the whole body, a stalled body. */
  expire(): void {
    if (this.stopped) return;
    if (this.settle) {
      this.resolve({ kind: 'failure', code: Codes.TIMEOUT, detail: 'no answer within ' + this.timeoutMs + ' ms' });
      this.stop('timed out');
      return;
    }
    this.fault('stalled (not complete ' + this.timeoutMs + ' ms after the status)');
  }

  private send(): void {
    this.abort = null;
    this.reused = false;
    // dispatch() reports its own failures through onError, never by throwing.
    this.connection.client.dispatch(this.request, this);
  }

  /** A failure before any answer, on a connection reused from an earlier answer, not retried yet. */
  private staleConnection(error: Error): boolean {
    if (!this.reused || this.retried || this.status !== 0 || this.connection.tlsError) return false;
    return STALE_CONNECTION_CODES.indexOf(String((error as { code?: unknown }).code ?? '')) >= 0;
  }

  /** Reports the body's misbehaviour once and drops the connection. */
  private fault(what: string): void {
    this.report(what);
    this.stop(what);
  }

  private report(what: string): void {
    try {
      this.owner.onAnswerFault(this.node, this.request.path, this.status, what);
    } catch {
      // Reporting must never break the transport.
    }
  }

  /** Aborts the request: undici destroys its socket and calls onError (with our reason), which releases the connection. */
  private stop(why: string): void {
    this.stopped = new Stopped('sideband attempt ' + why);
    this.owner.deadlines.delete(this);
    if (this.abort) this.abort(this.stopped);
  }

  private resolve(result: AttemptResult): void {
    const settle = this.settle;
    this.settle = null;
    if (settle) settle(result);
  }

  private release(): void {
    this.abort = null;
    this.pool.release(this.connection);
  }

  /** undici is done with the request (answered, failed or aborted): its connection is free. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.owner.deadlines.delete(this);
    this.release();
    this.owner.ended();
  }
}
