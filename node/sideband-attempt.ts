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
import type { Connection } from './connection-pool';
import { monotonicNow, type DeadlineTimer, type Expiring } from './deadline-timer';
import { classifyTransportError } from './transport-errors';

/** ASE answers are tiny and not part of the contract: past this much the connection is dropped. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** What an attempt needs from its transport. */
export interface AttemptOwner {
  readonly deadlines: DeadlineTimer;
  /** The attempt's connection is free again. */
  release(connection: Connection): void;
  /** The node sent a status, then its body misbehaved (`what` says how); the decision stands. */
  onAnswerFault(node: AseNode, path: string, status: number, what: string): void;
}

/** Our own abort reasons: not reported again when undici hands them back through onError. */
class Stopped extends Error {}

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
  private status = 0;
  private bytes = 0;
  private ended = false;

  constructor(
    private readonly owner: AttemptOwner,
    private readonly node: AseNode,
    private readonly connection: Connection,
    private readonly path: string,
    private readonly timeoutMs: number,
    settle: (result: AttemptResult) => void
  ) {
    this.settle = settle;
    this.deadline = monotonicNow() + timeoutMs;
    owner.deadlines.watch(this);
  }

  onConnect(abort: (reason: Error) => void): void {
    // Stopped while it waited for its connection: it never goes out.
    if (this.stopped) abort(this.stopped);
    else this.abort = abort;
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
    this.end();
  }

  onError(error: Error): void {
    const ours = this.stopped !== null;
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

  /** Reports the body's misbehaviour once and drops the connection. */
  private fault(what: string): void {
    this.report(what);
    this.stop(what);
  }

  private report(what: string): void {
    try {
      this.owner.onAnswerFault(this.node, this.path, this.status, what);
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

  /** undici is done with the request (answered, failed or aborted): its connection is free. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.abort = null;
    this.owner.deadlines.delete(this);
    this.owner.release(this.connection);
  }
}
