// The sideband state machine (ES5 engine and Node): node order, failover, time budget, decision. No I/O.
//
// A host drives it: `next(now)` says "send to node N within T ms" or "done: allow/block"; the host
// sends, then `report(result, now)`. Two drivers loop over it: ES5 hosts synchronously
// (core/sideband-sync.ts), the Node host with await (node/sideband-async.ts); the pieces they share
// are at the end of this file. Every failover, timeout and decision rule lives here, written once.

import type { AseNode, PolicyConfig } from './config-types';
import type { AttemptResult, HealthStore } from './host';
import { Codes, describeError, type Code } from './errors';

export type SidebandPhase = 'request' | 'response';

export interface LogLine {
  level: 'debug' | 'warn' | 'error';
  message: string;
}

/** The outcome of one sideband call. */
export interface Decision {
  /** 'block' stops the API call; the client gets clientStatus. Response-phase decisions never block. */
  verdict: 'allow' | 'block';
  /** 403 for an ASE block, 503 for fail-closed; 0 when allowed. */
  clientStatus: number;
  /** Stable outcome code (errors.ts). */
  code: Code;
  /** Name of the node that answered, '' when none did. */
  node: string;
  /** ASE's HTTP status, 0 when no node answered. */
  aseStatus: number;
  /** How many sends were made. */
  attempts: number;
  /** One line for the log, or null when there is nothing worth logging beyond debug. */
  log: LogLine | null;
}

export type SidebandStep = { kind: 'send'; node: AseNode; timeoutMs: number } | { kind: 'done'; decision: Decision };

export interface SidebandRun {
  next(now: number): SidebandStep;
  report(result: AttemptResult, now: number): void;
}

/** Order the configured nodes, moving `preferredNode` (the node that took the request) first. */
function orderNodes(nodes: AseNode[], preferredNode: string): AseNode[] {
  // The run only reads its node list: the config's own serves when the order stays (every request phase).
  if (!preferredNode) return nodes;
  var first: AseNode[] = [];
  var rest: AseNode[] = [];
  for (var i = 0; i < nodes.length; i++) {
    if (preferredNode && nodes[i].name === preferredNode) first.push(nodes[i]);
    else rest.push(nodes[i]);
  }
  return first.concat(rest);
}

function isBlockStatus(config: PolicyConfig, status: number): boolean {
  if (status === 403) return true;
  for (var i = 0; i < config.extraBlockStatuses.length; i++) {
    if (config.extraBlockStatuses[i] === status) return true;
  }
  return false;
}

/** One call's state; next and report are shared top-level functions over it, not closures made per call. */
interface RunState extends SidebandRun {
  phase: SidebandPhase;
  config: PolicyConfig;
  health: HealthStore;
  startedAt: number;
  path: string;
  nodes: AseNode[];
  cursor: number;
  attempts: number;
  current: AseNode | null;
  finished: Decision | null;
  /** What happened to each node, for the one summary line: "primary: ASE_REFUSED (...)". */
  trail: string[];
  /** Whether an attempt of this call failed (not merely skipped a node already marked down). */
  failedHere: boolean;
  /** Whether a node answered this call with a status it could not use (5xx, 429, ...). */
  answeredHere: boolean;
}

/**
 * Start one sideband call. `startedAt` anchors the call's time budget; `preferredNode` is tried first
 * (the response call goes to the node that took the request, so ASE can pair them).
 */
export function startSideband(
  phase: SidebandPhase,
  config: PolicyConfig,
  health: HealthStore,
  startedAt: number,
  preferredNode: string
): SidebandRun {
  var run: RunState = {
    phase: phase,
    config: config,
    health: health,
    startedAt: startedAt,
    path: phase === 'request' ? '/ase/request' : '/ase/response',
    nodes: orderNodes(config.nodes, preferredNode),
    cursor: 0,
    attempts: 0,
    current: null,
    finished: null,
    trail: [],
    failedHere: false,
    answeredHere: false,
    next: nextStep,
    report: reportAttempt
  };
  return run;
}

function decide(run: RunState, verdict: 'allow' | 'block', clientStatus: number, code: Code, node: string, aseStatus: number, log: LogLine | null): Decision {
  run.finished = { verdict: verdict, clientStatus: clientStatus, code: code, node: node, aseStatus: aseStatus, attempts: run.attempts, log: log };
  return run.finished;
}

function failoverNote(run: RunState): string {
  return run.trail.length ? ' after ' + run.trail.join('; ') : '';
}

function giveUp(run: RunState, reason: string): Decision {
  // "answered" only when none did: a node that said 500 or 429 answered, it did not accept.
  var what = run.answeredHere ? 'accepted ' : 'answered ';
  var detail = Codes.UNAVAILABLE + ': no ASE node ' + what + run.path + ' (' + reason + ')' + (run.trail.length ? ': ' + run.trail.join('; ') : '');
  // A call that only skipped nodes already marked down logs at debug: the failure that marked them
  // was logged as an error, and while they stay down every call would repeat it.
  var level: LogLine['level'] = run.failedHere ? 'error' : 'debug';
  if (run.phase === 'request' && run.config.failClosed && !run.config.asyncMode) {
    return decide(run, 'block', 503, Codes.UNAVAILABLE, '', 0, { level: level, message: detail + '; client answered 503 (failClosed)' });
  }
  return decide(run, 'allow', 0, Codes.UNAVAILABLE, '', 0, { level: level, message: detail + '; call forwarded (fail-open)' });
}

function onStatus(run: RunState, node: AseNode, status: number): void {
  var path = run.path;
  var blocks = run.phase === 'request' && isBlockStatus(run.config, status);
  if (blocks && run.config.asyncMode) {
    // Detect-only: the call went on long ago; say what ASE decided without claiming a block.
    decide(run, 'allow', 0, Codes.BLOCKED, node.name, status, {
      level: 'warn',
      message: Codes.BLOCKED + ': ASE node ' + node.name + ' answered ' + status + ' to ' + path + ' (asyncMode: logged only, not enforced)' + failoverNote(run)
    });
    return;
  }
  if (blocks) {
    decide(run, 'block', 403, Codes.BLOCKED, node.name, status, {
      level: 'warn',
      message: Codes.BLOCKED + ': ASE node ' + node.name + ' answered ' + status + ' to ' + path + '; client blocked with 403' + failoverNote(run)
    });
    return;
  }
  if (status === 200) {
    decide(run, 'allow', 0, Codes.ALLOWED, node.name, status, run.trail.length
      ? { level: run.failedHere ? 'warn' : 'debug', message: Codes.ALLOWED + ': ASE node ' + node.name + ' answered ' + path + failoverNote(run) }
      : null);
    return;
  }
  if (status === 400) {
    decide(run, 'allow', 0, Codes.STATUS_400, node.name, status, {
      level: 'error',
      message: Codes.STATUS_400 + ': ASE node ' + node.name + ' rejected the ' + path + ' body as malformed; call forwarded'
    });
    return;
  }
  if (status === 401) {
    // A wrong ASE-Token is a configuration problem: say it once per node, not on every call.
    var firstTime = run.health.firstTime('401:' + node.name);
    decide(run, 'allow', 0, Codes.STATUS_401, node.name, status, firstTime
      ? { level: 'error', message: Codes.STATUS_401 + ': ASE node ' + node.name + ' refused the sideband token (check aseToken and ASE sideband authentication); calls are forwarded; logged once per node' }
      : null);
    return;
  }
  if (status === 503) {
    decide(run, 'allow', 0, Codes.STATUS_503, node.name, status, {
      level: 'warn',
      message: Codes.STATUS_503 + ': ASE node ' + node.name + ' knows no API for this call: unknown API (register the url on ASE) ' +
        "or unknown host name (add the call's Host to the API's hostnames on ASE); call forwarded"
    });
    return;
  }
  // Any other status: the node is up (it answered) but unusable for this call; try the next one.
  run.failedHere = true;
  run.answeredHere = true;
  run.trail.push(node.name + ': ' + Codes.STATUS_OTHER + ' (' + status + ')');
}

function nextStep(this: RunState, now: number): SidebandStep {
  if (this.finished) return { kind: 'done', decision: this.finished };
  var config = this.config;
  var remaining = config.callBudgetMs - (now - this.startedAt);
  while (this.cursor < this.nodes.length) {
    if (remaining <= 0) return { kind: 'done', decision: giveUp(this, 'time budget of ' + config.callBudgetMs + ' ms spent') };
    var node = this.nodes[this.cursor];
    var downUntil = this.health.getDownUntil(node.name);
    if (downUntil > now) {
      this.trail.push(node.name + ': skipped, down for ' + (downUntil - now) + ' ms more');
      this.cursor++;
      continue;
    }
    var timeoutMs = remaining < config.attemptTimeoutMs ? remaining : config.attemptTimeoutMs;
    if (downUntil !== 0) {
      // The node's skip time is over and this call probes it. Until the probe ends, concurrent
      // calls keep skipping it: one call pays a black-holed node's timeout per window, not all.
      this.health.setDownUntil(node.name, now + timeoutMs);
    }
    this.current = node;
    this.attempts++;
    return { kind: 'send', node: node, timeoutMs: timeoutMs };
  }
  return { kind: 'done', decision: giveUp(this, this.nodes.length === 1 ? 'one node configured' : 'all ' + this.nodes.length + ' nodes tried or down') };
}

function reportAttempt(this: RunState, result: AttemptResult, now: number): void {
  var node = this.current;
  if (!node || this.finished) return;
  this.current = null;
  this.cursor++;
  if (result.kind === 'status') {
    // A node that answers is up, whatever it answered.
    if (this.health.getDownUntil(node.name) !== 0) this.health.setDownUntil(node.name, 0);
    onStatus(this, node, result.status);
    return;
  }
  this.failedHere = true;
  this.health.setDownUntil(node.name, now + this.config.retryAfterMs);
  this.trail.push(node.name + ': ' + result.code + ' (' + result.detail + '), skipped for ' + this.config.retryAfterMs + ' ms');
}

/** A decision made without a sideband answer (skipped phase, async mode, internal failure): the call goes on. */
export function passDecision(code: Code, log: LogLine | null): Decision {
  return { verdict: 'allow', clientStatus: 0, code: code, node: '', aseStatus: 0, attempts: 0, log: log };
}

/** A transport's answer as the machine expects it; a missing or malformed one is a transport failure. */
export function checkedAttempt(result: AttemptResult | null | undefined): AttemptResult {
  if (result && (result.kind === 'status' || result.kind === 'failure')) return result;
  return { kind: 'failure', code: Codes.TRANSPORT, detail: 'transport returned no result' };
}

/** A transport that throws (or rejects) anyway reports a transport failure, never a crash. */
export function thrownAttempt(e: unknown): AttemptResult {
  return { kind: 'failure', code: Codes.TRANSPORT, detail: 'transport threw ' + describeError(e) };
}

/** Every driver stops after this many steps: each node is tried at most once per call. */
export function stepLimit(config: PolicyConfig): number {
  return config.nodes.length + 1;
}

/** The decision when a driver's loop hits stepLimit: only a bug in the machine gets here. */
export function loopDidNotEnd(attempts: number): Decision {
  var decision = passDecision(Codes.INTERNAL, { level: 'error', message: Codes.INTERNAL + ': sideband loop did not end; call forwarded' });
  decision.attempts = attempts;
  return decision;
}
