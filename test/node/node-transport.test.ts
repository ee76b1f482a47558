// The Node host over real loopback sockets: stand-in faults -> failure codes, keep-alive reuse, headers on the wire (Node).
import { afterEach, describe, expect, it } from 'vitest';
import { startAseStandin, type AseStandin, type FaultMode } from '../../standin/index';
import { createAsePolicy, type AsePolicy } from '../../node/index';
import { testCall, testResponse } from '../../node/test-kit';
import { recordingLogger } from './recording-logger';

const started: AseStandin[] = [];
const policies: AsePolicy[] = [];

afterEach(async () => {
  for (const policy of policies.splice(0)) await policy.close();
  for (const standin of started.splice(0)) await standin.close();
});

async function standin(name = 'primary'): Promise<AseStandin> {
  const made = await startAseStandin({ name });
  started.push(made);
  return made;
}

function policyFor(nodes: AseStandin[], extra: Record<string, unknown> = {}) {
  const log = recordingLogger();
  const policy = createAsePolicy({
    config: { aseToken: 'tok-ase', nodes: nodes.map((n) => ({ name: n.name, url: n.url })), attemptTimeoutMs: 1000, callBudgetMs: 3000, ...extra },
    logger: log
  });
  policies.push(policy);
  return { policy, log };
}

describe('Node host over a real stand-in', () => {
  it('keeps one connection for request and response calls, and sends the contract headers', async () => {
    const ase = await standin();
    const { policy } = policyFor([ase]);
    const first = await policy.checkRequest(testCall());
    const answer = await policy.reportResponse(first.correlationId, testResponse(), first.node);
    const second = await policy.checkRequest(testCall());
    expect([first.code, answer.code, second.code]).toEqual(['ASE_ALLOWED', 'ASE_ALLOWED', 'ASE_ALLOWED']);
    expect(ase.calls.map((call) => call.status)).toEqual([200, 200, 200]);
    expect(new Set(ase.calls.map((call) => call.connectionId)).size).toBe(1);
    const headers = ase.calls[0].headers;
    expect(headers['ase-token']).toBe('tok-ase');
    expect(headers['x-correlationid']).toBe(first.correlationId);
    expect(ase.calls[1].headers['x-correlationid']).toBe(first.correlationId);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    // Not passed through by us: undici writes it itself for a connection it keeps.
    expect(headers.connection).toBe('keep-alive');
  });

  const faults: Array<{ mode: FaultMode; code: string }> = [
    { mode: 'refuse', code: 'ASE_REFUSED' },
    { mode: 'reset', code: 'ASE_RESET' },
    { mode: 'garbage', code: 'ASE_TRANSPORT' },
    { mode: 'hang', code: 'ASE_TIMEOUT' }
  ];
  for (const { mode, code } of faults) {
    it(`maps stand-in fault ${mode} on the primary to ${code} and fails over to the secondary`, async () => {
      const primary = await standin('primary');
      const secondary = await standin('secondary');
      await primary.setFaults({ mode });
      const { policy, log } = policyFor([primary, secondary]);
      const decision = await policy.checkRequest(testCall());
      expect(decision.code).toBe('ASE_ALLOWED');
      expect(decision.node).toBe('secondary');
      expect(decision.log?.message).toContain(`primary: ${code} (`);
      expect(secondary.calls).toHaveLength(1);
      expect(log.lines.some((line) => line.level === 'warn' && line.message.includes(code))).toBe(true);
    });
  }

  it('skips a node marked down, then tries it again after retryAfterMs (injected clock)', async () => {
    const primary = await standin('primary');
    const secondary = await standin('secondary');
    await primary.setFaults({ mode: 'refuse' });
    let clock = 1_000_000;
    const policy = createAsePolicy({
      config: { aseToken: '', nodes: [primary, secondary].map((n) => ({ name: n.name, url: n.url })), retryAfterMs: 30_000 },
      logger: recordingLogger(),
      now: () => clock
    });
    policies.push(policy);
    expect((await policy.checkRequest(testCall())).node).toBe('secondary');
    await primary.setFaults({ mode: 'none' });
    const skipped = await policy.checkRequest(testCall());
    expect(skipped.node).toBe('secondary');
    expect(skipped.log?.message).toContain('primary: skipped');
    expect(primary.calls).toHaveLength(0);
    clock += 30_001;
    expect((await policy.checkRequest(testCall())).node).toBe('primary');
  });

  it('a keep-alive connection ASE closed while idle is not a failure: the call goes again on a fresh connection', async () => {
    const ase = await standin();
    const { policy, log } = policyFor([ase]);
    expect((await policy.checkRequest(testCall())).code).toBe('ASE_ALLOWED');
    // ASE drops every connection (as on a restart or its idle timeout), then listens again.
    await ase.setFaults({ mode: 'refuse' });
    await ase.setFaults({ mode: 'none' });
    const again = await policy.checkRequest(testCall());
    expect(again).toMatchObject({ code: 'ASE_ALLOWED', node: 'primary', attempts: 1 });
    expect(log.lines.filter((line) => line.level !== 'debug')).toEqual([]);
    expect(new Set(ase.calls.map((call) => call.connectionId)).size).toBe(2);
  });

  it('a block status from a real stand-in: deny-listed bearer token -> 403 decision', async () => {
    const ase = await standin();
    ase.setDeny({ tokens: ['tok-bad'] });
    const { policy } = policyFor([ase]);
    const decision = await policy.checkRequest(testCall({ headers: { host: 'api.example.com', authorization: 'Bearer tok-bad' } }));
    expect(decision).toMatchObject({ verdict: 'block', clientStatus: 403, code: 'ASE_BLOCKED', node: 'primary', aseStatus: 403 });
  });

  it('async mode resolves before ASE answers and close() waits for the background call', async () => {
    const ase = await standin();
    await ase.setFaults({ mode: 'none', delayMs: 150 });
    ase.setDeny({ tokens: ['tok-bad'] });
    const { policy, log } = policyFor([ase], { asyncMode: true });
    const decision = await policy.checkRequest(testCall({ headers: { host: 'api.example.com', authorization: 'Bearer tok-bad' } }));
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_ASYNC', attempts: 0 });
    // The answer (403, after 150 ms) has not been logged yet: the policy did not wait for it.
    expect(log.lines.some((line) => line.message.includes('ASE_BLOCKED'))).toBe(false);
    await policy.close();
    const blocked = log.lines.find((line) => line.message.includes('ASE_BLOCKED'));
    expect(blocked?.message).toContain('(asyncMode: logged only, not enforced)');
    expect(blocked?.message).toContain(`[X-CorrelationID ${decision.correlationId}]`);
  });

  it('after close(), calls fail open without throwing', async () => {
    const ase = await standin();
    const { policy } = policyFor([ase]);
    await policy.close();
    const decision = await policy.checkRequest(testCall());
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_UNAVAILABLE' });
    expect(decision.log?.message).toContain('the policy was closed');
  });
});
