// The assertions of one shared scenario on the Akana host, shared by the Rhino leg and the Node fast leg (Node, tests).
import { expect } from 'vitest';
import { expectAseReceived, type ReceivedSend } from './ase-expectations';
import type { SidebandScenario } from './sideband-scenarios';

export type { ReceivedSend } from './ase-expectations';

/** What the gateway and ASE saw of one scenario on the Akana host, whichever way it ran. */
export interface AkanaOutcome {
  /** result.setSuccess(false) was called in the request step. */
  blocked: boolean;
  /** The exchange's out message after the request step (the client's answer on a block), or null. */
  out: { status: number; content: string } | null;
  /** Exchange properties after the request step. */
  node: string;
  correlationId: string;
  requestLog: string;
  responseLog: string;
  /** Calls that reached a node, in arrival order. */
  sends: ReceivedSend[];
}

export function expectAkanaOutcome(shared: SidebandScenario, outcome: AkanaOutcome): void {
  const want = shared.expect;
  // The decision as the gateway sees it.
  if (want.verdict === 'block') {
    expect(outcome.blocked).toBe(true);
    expect(outcome.out?.status).toBe(want.clientStatus);
    expect(JSON.parse(outcome.out?.content ?? '{}').correlation_id).toBe(outcome.correlationId);
  } else {
    expect(outcome.blocked).toBe(false);
    expect(outcome.out).toBeNull();
  }
  expect(outcome.requestLog).toContain(want.code === 'ASE_ASYNC' ? 'ASE_' : want.code);
  for (const text of want.logContains ?? []) expect(outcome.requestLog).toContain(text);
  expect(outcome.node).toBe(shared.config?.asyncMode ? '' : want.node);
  if (want.responseCode && want.responseCode !== 'ASE_ASYNC') expect(outcome.responseLog).toContain(want.responseCode);

  expectAseReceived(shared, outcome.sends, outcome.correlationId, outcome.requestLog + outcome.responseLog);
}
