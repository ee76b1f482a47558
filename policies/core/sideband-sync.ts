// Synchronous driver of the sideband state machine, for ES5 hosts whose transport blocks (ES5 engine and Node).

import type { AseNode, PolicyConfig } from './config-types';
import type { AttemptResult, HealthStore, SidebandMessage, SyncTransport } from './host';
import { checkedAttempt, loopDidNotEnd, startSideband, stepLimit, thrownAttempt, type Decision, type SidebandPhase } from './sideband';

/** The one catch of an attempt (in Rhino each catch is an activation object per call): the transport's own needs none. */
function sendGuarded(transport: SyncTransport, node: AseNode, message: SidebandMessage, timeoutMs: number): AttemptResult {
  try {
    return checkedAttempt(transport.send(node, message, timeoutMs));
  } catch (e) {
    return transport.failed ? checkedAttempt(transport.failed(e)) : thrownAttempt(e);
  }
}

/** Runs one sideband call to its decision; `now` is the host's Clock.now. Never throws for a throwing transport. */
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
