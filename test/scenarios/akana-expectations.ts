// The assertions of one shared scenario on the Akana host, shared by the Rhino leg and the Node fast leg (Node, tests).
import { expect } from 'vitest';
import { aseRequestBodySchema, aseResponseBodySchema } from '../../node/ase-contract/wire-schema';
import type { SidebandScenario } from './sideband-scenarios';

/** One sideband call as ASE received it. */
export interface ReceivedSend {
  node: string;
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
}

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

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

  // What ASE received.
  const sends = outcome.sends;
  expect(sends.map((s) => ({ node: s.node, path: s.path }))).toEqual(want.aseCalls);
  const requestSend = sends.find((s) => s.path === '/ase/request');
  for (const header of want.sentHeaders ?? []) {
    expect((requestSend?.body as { headers: unknown[] }).headers).toContainEqual(header);
  }
  for (const secret of want.secretsAbsent ?? []) {
    for (const s of sends) {
      expect(s.rawBody).not.toContain(secret);
      expect(JSON.stringify(s.headers)).not.toContain(secret);
    }
    expect(outcome.requestLog + outcome.responseLog).not.toContain(secret);
  }
  if (want.sameCorrelationId) {
    const ids = new Set(sends.map((s) => s.headers['x-correlationid']));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBe(outcome.correlationId);
    expect([...ids][0]).toMatch(UUID_V4);
  }
  for (const s of sends) {
    const schema = s.path === '/ase/request' ? aseRequestBodySchema : aseResponseBodySchema;
    expect(schema.safeParse(s.body).error).toBeUndefined();
  }
}
