// Synchronous driver of the sideband state machine, for ES5 hosts whose transport blocks (ES5 engine and Node).

import type { AseNode, PolicyConfig } from './config-types';
import type { AttemptResult, HealthStore, SidebandMessage, SyncTransport } from './host';
import { startSideband, type Decision, type SidebandPhase } from './sideband';
import { Codes } from './errors';

/** A transport's answer as the machine expects it; a missing or malformed one is a transport failure. */
export function checkedAttempt(result: AttemptResult | null | undefined): AttemptResult {
  if (result && (result.kind === 'status' || result.kind === 'failure')) return result;
  return { kind: 'failure', code: 'ASE_TRANSPORT', detail: 'transport returned no result' };
}

/** A transport that throws (or rejects) anyway reports a transport failure, never a crash. */
export function thrownAttempt(e: unknown): AttemptResult {
  return { kind: 'failure', code: 'ASE_TRANSPORT', detail: 'transport threw ' + describeError(e) };
}

/** Every driver stops after this many steps: each node is tried at most once per call. */
export function stepLimit(config: PolicyConfig): number {
  return config.nodes.length + 1;
}

/** The decision when a driver's loop hits stepLimit: only a bug in the machine gets here. */
export function loopDidNotEnd(attempts: number): Decision {
  return {
    verdict: 'allow', clientStatus: 0, code: Codes.INTERNAL, node: '', aseStatus: 0, attempts: attempts,
    log: { level: 'error', message: Codes.INTERNAL + ': sideband loop did not end; call forwarded' }
  };
}

function sendGuarded(transport: SyncTransport, node: AseNode, message: SidebandMessage, timeoutMs: number): AttemptResult {
  try {
    return checkedAttempt(transport.send(node, message, timeoutMs));
  } catch (e) {
    return thrownAttempt(e);
  }
}

/** A short, secret-free description of a thrown value (its type and message, never a stack). */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in (e as object)) {
    var name = (e as { name?: unknown }).name;
    return (name ? String(name) + ': ' : '') + String((e as { message: unknown }).message);
  }
  return String(e);
}

export function runSidebandSync(
  phase: SidebandPhase,
  message: SidebandMessage,
  config: PolicyConfig,
  health: HealthStore,
  now: () => number,
  transport: SyncTransport,
  preferredNode: string
): Decision {
  var run = startSideband(phase, config, health, now(), preferredNode);
  for (var guard = 0; guard <= stepLimit(config); guard++) {
    var step = run.next(now());
    if (step.kind === 'done') return step.decision;
    run.report(sendGuarded(transport, step.node, message, step.timeoutMs), now());
  }
  return loopDidNotEnd(guard);
}
