// Asynchronous driver of the core sideband state machine, for hosts whose transport returns a Promise (Node).
//
// The loop of policies/core/sideband-sync.ts with `await` in place of the blocking send, built from the
// machine's own driver pieces (checkedAttempt, thrownAttempt, stepLimit, loopDidNotEnd in
// policies/core/sideband.ts): every rule stays in the core. It lives in Node because async/await
// is not ES5; its port, AsyncTransport, is in policies/core/host.ts.

import type { PolicyConfig } from '../policies/core/config-types';
import type { AsyncTransport, AttemptResult, HealthStore, SidebandMessage } from '../policies/core/host';
import { checkedAttempt, loopDidNotEnd, startSideband, stepLimit, thrownAttempt, type Decision, type SidebandPhase } from '../policies/core/sideband';

/** Runs one sideband call to its decision; `now` is the host's Clock.now. Never rejects for a failing transport. */
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
    // Inline rather than a helper: one async function per attempt less (issue 11's per-layer costs).
    let result: AttemptResult;
    try {
      result = checkedAttempt(await transport.send(step.node, message, step.timeoutMs));
    } catch (e) {
      // A transport that throws or rejects anyway is a transport failure, not a crash.
      result = thrownAttempt(e);
    }
    run.report(result, now());
  }
  return loopDidNotEnd(guard);
}
