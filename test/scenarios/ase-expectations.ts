// What ASE must have received in one shared scenario, whichever gateway host ran it (Node, tests).
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

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The calls in arrival order, their bodies, the correlation pairing, and no secret in calls or logs. */
export function expectAseReceived(shared: SidebandScenario, sends: ReceivedSend[], correlationId: string, logs: string): void {
  const want = shared.expect;
  const arrived = sends.map((s) => ({ node: s.node, path: s.path }));
  if (shared.config?.asyncMode === true) {
    // Async mode sends both calls in the background: where the backend answers at once (the Apigee
    // emulator's does), the response flow's send can overtake the request flow's on the wire, so the
    // arrival order is the network's, not the policy's. Which flow sent which call is asserted per flow.
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect([...arrived].sort(byPath)).toEqual([...want.aseCalls].sort(byPath));
  } else {
    expect(arrived).toEqual(want.aseCalls);
  }
  const requestSend = sends.find((s) => s.path === '/ase/request');
  for (const header of want.sentHeaders ?? []) {
    expect((requestSend?.body as { headers: unknown[] }).headers).toContainEqual(header);
  }
  for (const name of want.headersAbsent ?? []) {
    for (const s of sends) expect((s.body as { headers: Array<Record<string, string>> }).headers.map((entry) => Object.keys(entry)[0]), s.path).not.toContain(name);
  }
  for (const secret of want.secretsAbsent ?? []) {
    for (const s of sends) {
      expect(s.rawBody).not.toContain(secret);
      expect(JSON.stringify(s.headers)).not.toContain(secret);
    }
    expect(logs).not.toContain(secret);
  }
  if (want.sameCorrelationId) {
    const ids = new Set(sends.map((s) => s.headers['x-correlationid']));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBe(correlationId);
    expect([...ids][0]).toMatch(UUID_V4);
  }
  for (const s of sends) {
    const schema = s.path === '/ase/request' ? aseRequestBodySchema : aseResponseBodySchema;
    expect(schema.safeParse(s.body).error).toBeUndefined();
  }
}
