// Asynchronous driver of the core sideband state machine, for hosts whose transport returns a Promise (Node).
//
// The loop of policies/core/sideband-sync.ts with `await` in place of the blocking send, built from the
// same pieces (checkedAttempt, thrownAttempt, stepLimit): every rule stays in policies/core/sideband.ts.

import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import type { AttemptResult, HealthStore, SidebandMessage } from '../policies/core/host';
import { startSideband, type Decision, type SidebandPhase } from '../policies/core/sideband';
import { checkedAttempt, loopDidNotEnd, stepLimit, thrownAttempt } from '../policies/core/sideband-sync';

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
    return checkedAttempt(await transport.send(node, message, timeoutMs));
  } catch (e) {
    return thrownAttempt(e);
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
  let guard = 0;
  for (; guard <= stepLimit(config); guard++) {
    const step = run.next(now());
    if (step.kind === 'done') return step.decision;
    run.report(await sendGuarded(transport, step.node, message, step.timeoutMs), now());
  }
  return loopDidNotEnd(guard);
}
