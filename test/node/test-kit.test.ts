// The test kit itself: mockAse's contract answers, assertDone's complaints, option checks, restore (Node).
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startAseStandin } from '../../standin/index';
import { createAsePolicy } from '../../node/index';
import { mockAse, testCall, type MockAse } from '../../node/test-kit';
import { recordingLogger } from './recording-logger';

const A = 'http://ase-a.test:8000';
const B = 'http://ase-b.test:8000';
let ase: MockAse | undefined;
afterEach(() => {
  ase?.restore();
  ase = undefined;
});

function policy(nodes: string[], extra: Record<string, unknown> = {}) {
  const log = recordingLogger();
  return {
    log,
    policy: createAsePolicy({ config: { aseToken: 'tok', nodes: nodes.map((url, i) => ({ name: `n${i}`, url })), ...extra }, logger: log })
  };
}

describe('mockAse', () => {
  it('assertDone names an expected path that never came', async () => {
    ase = mockAse({ nodes: [A], expect: ['/ase/request', '/ase/response'] });
    const { policy: p } = policy([A]);
    await p.checkRequest(testCall());
    await p.close();
    expect(() => ase?.assertDone()).toThrow(`mockAse: expected POST /ase/response on ${A}, but it never came`);
  });

  it('assertDone names a sideband call no mock matched', async () => {
    ase = mockAse({ nodes: [A] });
    const response = await request(`${A}/ase/other`, { method: 'POST', body: '{}' });
    await response.body.dump();
    expect(() => ase?.assertDone()).toThrow(`unexpected call (no mock matched): POST ${A}/ase/other`);
  });

  it('assertDone wants every down node tried when all are down', async () => {
    ase = mockAse({ nodes: [A, B], down: [A, B] });
    const { policy: p } = policy([A]);
    const decision = await p.checkRequest(testCall());
    await p.close();
    expect(decision.code).toBe('ASE_UNAVAILABLE');
    expect(decision.log?.message).toContain('n0: ASE_REFUSED');
    expect(() => ase?.assertDone()).toThrow(`expected an attempt on down node ${B}`);
  });

  it('answers per the contract: wrong token 401, malformed body 400, deny list 403', async () => {
    ase = mockAse({ nodes: [A], token: 'right', deny: { ips: ['198.51.100.9'] } });
    const post = async (headers: Record<string, string>, body: string) => {
      const response = await request(`${A}/ase/request`, { method: 'POST', headers, body });
      await response.body.dump();
      return response.statusCode;
    };
    const json = { 'content-type': 'application/json' };
    expect(await post({ ...json, 'ase-token': 'wrong' }, '{}')).toBe(401);
    expect(await post({ ...json, 'ase-token': 'right' }, '{not json')).toBe(400);
    const { policy: p } = policy([A], { aseToken: 'right' });
    const denied = await p.checkRequest(testCall({ ip: '198.51.100.9' }));
    const allowed = await p.checkRequest(testCall());
    await p.close();
    expect([denied.code, allowed.code]).toEqual(['ASE_BLOCKED', 'ASE_ALLOWED']);
    expect(ase.calls.map((call) => call.reason)).toEqual(['bad token', expect.stringMatching(/^invalid body/), 'denied ip 198.51.100.9', 'allowed']);
  });

  it('delayMs holds the answer (headers too): a shorter attempt timeout gives ASE_TIMEOUT', async () => {
    ase = mockAse({ nodes: [A, B], delayMs: { [A]: 300 } });
    const { policy: p } = policy([A, B], { attemptTimeoutMs: 50 });
    const decision = await p.checkRequest(testCall());
    await p.close();
    expect(decision.node).toBe('n1');
    expect(decision.log?.message).toContain('n0: ASE_TIMEOUT');
  });

  it('status answers every call on the named node', async () => {
    ase = mockAse({ nodes: [A, B], status: { [A]: 500 } });
    const { policy: p } = policy([A, B]);
    const decision = await p.checkRequest(testCall());
    await p.close();
    expect(decision.node).toBe('n1');
    expect(ase.calls.map((call) => [call.node, call.status])).toEqual([[A, 500], [B, 200]]);
  });

  it('refuses options that cannot be right', () => {
    expect(() => mockAse({ nodes: [] })).toThrow(TypeError);
    expect(() => mockAse({ nodes: [A], down: [B] })).toThrow(`down node ${B} is not in options.nodes`);
    expect(() => mockAse({ nodes: [A], status: { [B]: 500 } })).toThrow(`status names ${B}`);
    expect(() => mockAse({ nodes: ['not a url'] })).toThrow('is not a URL');
  });

  it('blocks the real network while active, and restore() gives it back', async () => {
    const standin = await startAseStandin();
    try {
      ase = mockAse({ nodes: [A] });
      await expect(request(`${standin.url}/ase/request`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'ENETUNREACH' });
      ase.restore();
      ase = undefined;
      const response = await request(`${standin.url}/ase/request`, { method: 'POST', body: '{}' });
      await response.body.dump();
      expect(response.statusCode).toBe(400); // the real stand-in answered (no content type)
    } finally {
      await standin.close();
    }
  });
});
