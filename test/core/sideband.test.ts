// State-machine tests of the sideband core (Node): failover, skip-while-down, budget, decisions, fail-open/closed.
import { describe, expect, it } from 'vitest';
import { startSideband, type Decision } from '../../policies/core/sideband';
import { runSidebandSync } from '../../policies/core/sideband-sync';
import { memoryHealthStore } from '../../policies/core/memory-health';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES, type PolicyConfig } from '../../policies/core/config-types';
import type { AttemptResult, SidebandMessage, SyncTransport } from '../../policies/core/host';

const MESSAGE: SidebandMessage = { path: '/ase/request', body: '{}', headers: [] };

function config(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  return {
    ...CONFIG_DEFAULTS,
    extraBlockStatuses: [],
    queryTokenParams: ['access_token'],
    apiKeyHeaders: ['x-api-key'],
    apiKeyParams: [],
    propertyNames: { ...DEFAULT_PROPERTY_NAMES },
    aseToken: 't',
    nodes: [
      { name: 'primary', url: 'http://127.0.0.1:1' },
      { name: 'secondary', url: 'http://127.0.0.1:2' }
    ],
    ...overrides
  };
}

/** A scripted transport and clock: each node answers from its script; every send advances the clock. */
function scripted(answers: Record<string, AttemptResult[]>, costMs: Record<string, number> = {}) {
  let clock = 1_000_000;
  const sent: { node: string; timeoutMs: number }[] = [];
  const transport: SyncTransport = {
    send(node, _message, timeoutMs) {
      sent.push({ node: node.name, timeoutMs });
      clock += Math.min(costMs[node.name] ?? 1, timeoutMs);
      const script = answers[node.name] ?? [];
      const next = script.shift();
      if (!next) throw new Error(`unexpected send to ${node.name}`);
      return next;
    }
  };
  return { transport, sent, now: () => clock, advance: (ms: number) => (clock += ms) };
}

const ok = (status: number): AttemptResult => ({ kind: 'status', status });
const refused: AttemptResult = { kind: 'failure', code: 'ASE_REFUSED', detail: 'connection refused' };
const timeout: AttemptResult = { kind: 'failure', code: 'ASE_TIMEOUT', detail: 'no answer in 500 ms' };

function run(cfg: PolicyConfig, s: ReturnType<typeof scripted>, health = memoryHealthStore(), phase: 'request' | 'response' = 'request', preferred = ''): Decision {
  return runSidebandSync(phase, { ...MESSAGE, path: phase === 'request' ? '/ase/request' : '/ase/response' }, cfg, health, s.now, s.transport, preferred);
}

describe('sideband decisions', () => {
  it.each([
    [200, 'allow', 'ASE_ALLOWED', 0],
    [403, 'block', 'ASE_BLOCKED', 403],
    [400, 'allow', 'ASE_STATUS_400', 0],
    [401, 'allow', 'ASE_STATUS_401', 0],
    [503, 'allow', 'ASE_STATUS_503', 0]
  ] as const)('ASE %i -> %s with %s', (status, verdict, code, clientStatus) => {
    const s = scripted({ primary: [ok(status)] });
    const decision = run(config(), s);
    expect(decision).toMatchObject({ verdict, code, clientStatus, node: 'primary', aseStatus: status, attempts: 1 });
    expect(s.sent.map((x) => x.node)).toEqual(['primary']);
    if (status !== 200) expect(decision.log?.message).toContain(code);
  });

  it('blocks on extra block statuses only when configured', () => {
    expect(run(config(), scripted({ primary: [ok(401)] })).verdict).toBe('allow');
    const decision = run(config({ extraBlockStatuses: [400, 401, 503] }), scripted({ primary: [ok(401)] }));
    expect(decision).toMatchObject({ verdict: 'block', clientStatus: 403, code: 'ASE_BLOCKED', aseStatus: 401 });
  });

  it('never blocks in the response phase', () => {
    const decision = run(config(), scripted({ primary: [ok(403)] }), memoryHealthStore(), 'response');
    expect(decision.verdict).toBe('allow');
  });

  it('logs a 401 once per node, then stays quiet', () => {
    const health = memoryHealthStore();
    const first = run(config(), scripted({ primary: [ok(401)] }), health);
    const second = run(config(), scripted({ primary: [ok(401)] }), health);
    expect(first.log?.level).toBe('error');
    expect(first.log?.message).not.toContain("'t'");
    expect(second.log).toBeNull();
    expect(second.code).toBe('ASE_STATUS_401');
  });
});

describe('failover', () => {
  it('primary refused -> secondary answers; primary marked down', () => {
    const health = memoryHealthStore();
    const s = scripted({ primary: [refused], secondary: [ok(200)] });
    const decision = run(config(), s, health);
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_ALLOWED', node: 'secondary', attempts: 2 });
    expect(decision.log?.level).toBe('warn');
    expect(decision.log?.message).toContain('primary: ASE_REFUSED');
    expect(health.getDownUntil('primary')).toBe(s.now() - 1 + 30000);
  });

  it('a down node is skipped until retryAfter, then tried again', () => {
    const health = memoryHealthStore();
    const s = scripted({ primary: [refused, ok(200)], secondary: [ok(200), ok(200)] });
    run(config({ retryAfterMs: 5000 }), s, health);
    s.advance(4000);
    expect(run(config({ retryAfterMs: 5000 }), s, health).node).toBe('secondary');
    s.advance(1500);
    const decision = run(config({ retryAfterMs: 5000 }), s, health);
    expect(decision.node).toBe('primary');
    expect(health.getDownUntil('primary')).toBe(0);
    expect(s.sent.map((x) => x.node)).toEqual(['primary', 'secondary', 'secondary', 'primary']);
  });

  it('both down -> fail-open, logged with every node', () => {
    const decision = run(config(), scripted({ primary: [refused], secondary: [timeout] }));
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_UNAVAILABLE', clientStatus: 0, node: '', attempts: 2 });
    expect(decision.log?.level).toBe('error');
    expect(decision.log?.message).toMatch(/primary: ASE_REFUSED.*secondary: ASE_TIMEOUT.*fail-open/);
  });

  it('both down -> 503 when failClosed is set', () => {
    const decision = run(config({ failClosed: true }), scripted({ primary: [refused], secondary: [refused] }));
    expect(decision).toMatchObject({ verdict: 'block', clientStatus: 503, code: 'ASE_UNAVAILABLE' });
  });

  it('all nodes marked down -> no send at all, immediate fail-open', () => {
    const health = memoryHealthStore();
    const s = scripted({ primary: [refused], secondary: [refused] });
    run(config(), s, health);
    const decision = run(config(), s, health);
    expect(decision.attempts).toBe(0);
    expect(decision.code).toBe('ASE_UNAVAILABLE');
    expect(s.sent).toHaveLength(2);
  });

  it('another status fails over without marking the node down', () => {
    const health = memoryHealthStore();
    const decision = run(config(), scripted({ primary: [ok(502)], secondary: [ok(200)] }), health);
    expect(decision.node).toBe('secondary');
    expect(health.getDownUntil('primary')).toBe(0);
  });

  it('the response phase starts with the node that took the request', () => {
    const s = scripted({ secondary: [ok(200)] });
    expect(run(config(), s, memoryHealthStore(), 'response', 'secondary').node).toBe('secondary');
    expect(s.sent.map((x) => x.node)).toEqual(['secondary']);
  });

  it('works with any number of nodes', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((name, i) => ({ name, url: `http://127.0.0.1:${i + 10}` }));
    const s = scripted({ a: [refused], b: [timeout], c: [refused], d: [ok(403)] });
    expect(run(config({ nodes }), s)).toMatchObject({ verdict: 'block', node: 'd', attempts: 4 });
  });
});

describe('time budget', () => {
  it('a budget shorter than two attempts is honoured: the second attempt gets what is left', () => {
    const s = scripted({ primary: [timeout], secondary: [timeout] }, { primary: 500, secondary: 500 });
    const decision = run(config({ attemptTimeoutMs: 500, callBudgetMs: 600 }), s);
    expect(s.sent).toEqual([
      { node: 'primary', timeoutMs: 500 },
      { node: 'secondary', timeoutMs: 100 }
    ]);
    expect(decision.code).toBe('ASE_UNAVAILABLE');
  });

  it('no attempt starts once the budget is spent', () => {
    const s = scripted({ primary: [timeout] }, { primary: 500 });
    const decision = run(config({ attemptTimeoutMs: 500, callBudgetMs: 500 }), s);
    expect(s.sent.map((x) => x.node)).toEqual(['primary']);
    expect(decision.log?.message).toContain('time budget of 500 ms spent');
  });
});

describe('driver robustness', () => {
  it('a transport that throws is a transport failure, not a crash', () => {
    const transport: SyncTransport = {
      send() {
        throw new Error('boom');
      }
    };
    const decision = runSidebandSync('request', MESSAGE, config(), memoryHealthStore(), () => 1, transport, '');
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_UNAVAILABLE', attempts: 2 });
    expect(decision.log?.message).toContain('ASE_TRANSPORT');
  });

  it("a transport's failed() says what its throw means (Akana's Messenger throws a refused delivery); a failed() answering nothing usable is a transport failure", () => {
    const seen: unknown[] = [];
    const refused: SyncTransport = {
      send() {
        throw new Error('Connection refused');
      },
      failed(error) {
        seen.push(error);
        return { kind: 'failure', code: 'ASE_REFUSED', detail: 'connection refused' };
      }
    };
    const decision = runSidebandSync('request', MESSAGE, config(), memoryHealthStore(), () => 1, refused, '');
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_UNAVAILABLE', attempts: 2 });
    expect(decision.log?.message).toContain('ASE_REFUSED');
    expect(seen.map((e) => (e as Error).message)).toEqual(['Connection refused', 'Connection refused']);
    const broken: SyncTransport = {
      send() {
        throw new Error('boom');
      },
      failed: () => null as unknown as AttemptResult
    };
    expect(runSidebandSync('request', MESSAGE, config(), memoryHealthStore(), () => 1, broken, '').log?.message).toContain('ASE_TRANSPORT');
  });

  it('next() after done keeps answering the same decision', () => {
    const sideband = startSideband('request', config(), memoryHealthStore(), 0, '');
    const step = sideband.next(0);
    expect(step.kind).toBe('send');
    sideband.report(ok(200), 1);
    const done1 = sideband.next(2);
    const done2 = sideband.next(3);
    expect(done1).toEqual(done2);
  });
});

describe('async mode (detect-only)', () => {
  it('reports an ASE block without enforcing it, and never fails closed', () => {
    const blocked = run(config({ asyncMode: true }), scripted({ primary: [ok(403)] }));
    expect(blocked).toMatchObject({ verdict: 'allow', code: 'ASE_BLOCKED', clientStatus: 0, aseStatus: 403 });
    expect(blocked.log?.message).toContain('not enforced');
    const down = run(config({ asyncMode: true, failClosed: true }), scripted({ primary: [refused], secondary: [refused] }));
    expect(down).toMatchObject({ verdict: 'allow', code: 'ASE_UNAVAILABLE', clientStatus: 0 });
  });
});

describe('probing a node whose skip time is over', () => {
  it('one call probes; concurrent calls keep skipping it until the probe ends', () => {
    const health = memoryHealthStore();
    const cfg = config({ retryAfterMs: 1000, attemptTimeoutMs: 500 });
    health.setDownUntil('primary', 900);
    const prober = startSideband('request', cfg, health, 1000, '');
    expect(prober.next(1000)).toMatchObject({ kind: 'send', node: { name: 'primary' } });
    const concurrent = startSideband('request', cfg, health, 1010, '');
    expect(concurrent.next(1010)).toMatchObject({ kind: 'send', node: { name: 'secondary' } });
    // The probe times out: the node is skipped for retryAfter again.
    prober.report(timeout, 1500);
    expect(health.getDownUntil('primary')).toBe(2500);
  });

  it('a probe that gets an answer brings the node back for everyone', () => {
    const health = memoryHealthStore();
    health.setDownUntil('primary', 900);
    const prober = startSideband('request', config(), health, 1000, '');
    prober.next(1000);
    prober.report(ok(200), 1001);
    expect(health.getDownUntil('primary')).toBe(0);
    expect(startSideband('request', config(), health, 1002, '').next(1002)).toMatchObject({ kind: 'send', node: { name: 'primary' } });
  });
});

describe('log levels while nodes stay down', () => {
  it('the call whose attempt failed logs warn/error; later calls that only skip log at debug', () => {
    const health = memoryHealthStore();
    const s = scripted({ primary: [refused], secondary: [ok(200), ok(200)] });
    expect(run(config(), s, health).log?.level).toBe('warn');
    const skipping = run(config(), s, health);
    expect(skipping).toMatchObject({ code: 'ASE_ALLOWED', node: 'secondary' });
    expect(skipping.log?.level).toBe('debug');
    expect(skipping.log?.message).toContain('primary: skipped');

    const allDown = memoryHealthStore();
    const d = scripted({ primary: [refused], secondary: [refused] });
    expect(run(config(), d, allDown).log?.level).toBe('error');
    expect(run(config(), d, allDown).log?.level).toBe('debug');
  });
});

describe('what the one line says (issue 14, finding 5)', () => {
  it('nodes that answered but none usefully: "no ASE node accepted", not "answered"', () => {
    const decision = run(config(), scripted({ primary: [ok(500)], secondary: [ok(429)] }));
    expect(decision.code).toBe('ASE_UNAVAILABLE');
    expect(decision.log?.message).toMatch(/^ASE_UNAVAILABLE: no ASE node accepted \/ase\/request .*primary: ASE_STATUS_OTHER \(500\); secondary: ASE_STATUS_OTHER \(429\)/);
  });

  it('one node answered 502, the other refused: still "accepted" (one did answer)', () => {
    const decision = run(config(), scripted({ primary: [refused], secondary: [ok(502)] }));
    expect(decision.log?.message).toContain('no ASE node accepted');
  });

  it('no node answered at all: "no ASE node answered"', () => {
    const decision = run(config(), scripted({ primary: [refused], secondary: [timeout] }));
    expect(decision.log?.message).toContain('no ASE node answered');
  });

  it('503 names both of ASE\'s causes: unknown API and unknown host name', () => {
    const decision = run(config(), scripted({ primary: [ok(503)] }));
    expect(decision.code).toBe('ASE_STATUS_503');
    expect(decision.log?.message).toContain('unknown API');
    expect(decision.log?.message).toContain('unknown host name');
  });
});
