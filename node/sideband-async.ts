// Asynchronous driver of the core sideband state machine, for hosts whose transport returns a Promise (Node).
//
// A line-for-line mirror of policies/core/sideband-sync.ts with `await` in place of the blocking send:
// every failover, timeout and decision rule stays in policies/core/sideband.ts.

import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import type { AttemptResult, HealthStore, SidebandMessage } from '../policies/core/host';
import { startSideband, type Decision, type SidebandPhase } from '../policies/core/sideband';
import { describeError } from '../policies/core/sideband-sync';
import { Codes } from '../policies/core/errors';

/**
 * An asynchronous transport: send one message to one node within timeoutMs and resolve with the
 * outcome. Should not reject: failures resolve as { kind: 'failure' } (a rejection is reported as one).
 */
export interface AsyncTransport {
  send(node: AseNode, message: SidebandMessage, timeoutMs: number): Promise<AttemptResult>;
}

/** Send through the transport; a transport that throws or rejects anyway is a transport failure, not a crash. */
async function sendGuarded(transport: AsyncTransport, node: AseNode, message: SidebandMessage, timeoutMs: number): Promise<AttemptResult> {
  try {
    const result = await transport.send(node, message, timeoutMs);
    if (result && (result.kind === 'status' || result.kind === 'failure')) return result;
    return { kind: 'failure', code: 'ASE_TRANSPORT', detail: 'transport returned no result' };
  } catch (e) {
    return { kind: 'failure', code: 'ASE_TRANSPORT', detail: 'transport threw ' + describeError(e) };
  }
}

export async function runSidebandAsync(
  phase: SidebandPhase,
  message: SidebandMessage,
  config: PolicyConfig,
  health: HealthStore,
  now: () => number,
  transport: AsyncTransport,
  preferredNode: string
): Promise<Decision> {
  const run = startSideband(phase, config, health, now(), preferredNode);
  // Bounded: the machine ends after every node was tried once; the guard only protects against a bug.
  let guard = 0;
  for (; guard <= config.nodes.length + 1; guard++) {
    const step = run.next(now());
    if (step.kind === 'done') return step.decision;
    run.report(await sendGuarded(transport, step.node, message, step.timeoutMs), now());
  }
  return {
    verdict: 'allow', clientStatus: 0, code: Codes.INTERNAL, node: '', aseStatus: 0, attempts: guard,
    log: { level: 'error', message: Codes.INTERNAL + ': sideband loop did not end; call forwarded' }
  };
}
