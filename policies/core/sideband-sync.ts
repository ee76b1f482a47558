// Synchronous driver of the sideband state machine, for ES5 hosts whose transport blocks (ES5 engine and Node).

import type { AseNode, PolicyConfig } from './config-types';
import type { AttemptResult, HealthStore, SidebandMessage, SyncTransport } from './host';
import { startSideband, type Decision, type SidebandPhase } from './sideband';
import { Codes } from './errors';

/** Send through the host transport; a transport that throws anyway is a transport failure, not a crash. */
function sendGuarded(transport: SyncTransport, node: AseNode, message: SidebandMessage, timeoutMs: number): AttemptResult {
  try {
    var result = transport.send(node, message, timeoutMs);
    if (result && (result.kind === 'status' || result.kind === 'failure')) return result;
    return { kind: 'failure', code: 'ASE_TRANSPORT', detail: 'transport returned no result' };
  } catch (e) {
    return { kind: 'failure', code: 'ASE_TRANSPORT', detail: 'transport threw ' + describeError(e) };
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
  // Bounded: the machine ends after every node was tried once; the guard only protects against a bug.
  for (var guard = 0; guard <= config.nodes.length + 1; guard++) {
    var step = run.next(now());
    if (step.kind === 'done') return step.decision;
    run.report(sendGuarded(transport, step.node, message, step.timeoutMs), now());
  }
  return {
    verdict: 'allow', clientStatus: 0, code: Codes.INTERNAL, node: '', aseStatus: 0, attempts: guard,
    log: { level: 'error', message: Codes.INTERNAL + ': sideband loop did not end; call forwarded' }
  };
}
