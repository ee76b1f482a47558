// The five findings of issue 14 on the Node host, each as it was found: a stalled body, the health probe, CR/LF to ASE (Node, vitest).
//
// The others are in the matrix and beside it: mTLS refused -> ASE_TLS and the OpenSSL newline
// (node-faults.test.ts, node-tls.test.ts), the async bound (async-bound.test.ts), the wording
// (test/core/sideband.test.ts and every matrix line), one-line logs (test/core/one-line.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { createAsePolicy, type AsePolicy, type PolicyConfigInput } from '../../node/index';
import { Codes } from '../../policies/core/errors';
import { startAseStandin, type AseStandin } from '../../standin/index';
import { makeResponse } from '../core/fixtures';
import { expectCleanLine, secretCall, SECRETS, type LoggedLine } from './fault-matrix';

const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  // Stand-ins first: a stalled answer then ends at once instead of at its (long) deadline.
  for (const each of open.splice(0)) await each.close();
});

async function standin(name: string, faults = {}): Promise<AseStandin> {
  const made = await startAseStandin({ name, faults });
  open.push(made);
  return made;
}

function recording(lines: LoggedLine[]) {
  return { debug: (text: string) => lines.push({ level: 'debug', text }), warn: (text: string) => lines.push({ level: 'warn', text }), error: (text: string) => lines.push({ level: 'error', text }) };
}

function policy(config: Omit<PolicyConfigInput, 'aseToken'>, lines: LoggedLine[], now?: () => number): AsePolicy {
  const made = createAsePolicy({ config: { aseToken: SECRETS.token, ...config }, logger: recording(lines), now });
  open.push(made);
  return made;
}

/** Polls `check` until it holds (bounded): for what happens in the background. */
async function eventually(check: () => boolean, what: string, maxMs = 10000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > maxMs) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('finding 1: ASE sends the status, then stalls the body', () => {
  it('the call is decided on the status while the body is still stalled (a 20 s attempt timeout is never waited for)', async () => {
    const ase = await standin('primary', { mode: 'stall-body' });
    const lines: LoggedLine[] = [];
    const p = policy({ nodes: [{ name: 'primary', url: ase.url }], attemptTimeoutMs: 20000, callBudgetMs: 30000 }, lines);
    const decision = await p.checkRequest(secretCall());
    expect(decision).toMatchObject({ verdict: 'allow', code: Codes.ALLOWED, aseStatus: 200, node: 'primary' });
    // Decided while ASE's answer was still open: the body never had to come.
    expect(ase.load().inFlight).toBe(1);
    // The node answered: it is up, and the next call goes to it again.
    expect((await p.checkRequest(secretCall())).node).toBe('primary');
  });

  it("a stalled body is dropped in the background and logged once per window as ASE_BODY, not as a debug ASE_ALLOWED", async () => {
    const ase = await standin('primary', { mode: 'stall-body' });
    const lines: LoggedLine[] = [];
    const p = policy({ nodes: [{ name: 'primary', url: ase.url }], attemptTimeoutMs: 300, callBudgetMs: 1000 }, lines);
    for (let i = 0; i < 3; i++) expect((await p.checkRequest(secretCall())).code).toBe(Codes.ALLOWED);
    await eventually(() => ase.load().inFlight === 0, 'the three stalled answers dropped');
    const body = lines.filter((line) => line.text.startsWith(Codes.BODY));
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ level: 'warn' });
    expect(body[0].text).toContain('ASE node primary answered 200 to /ase/request, then its answer body stalled');
    expect(lines.filter((line) => line.level !== 'debug')).toEqual(body);
    for (const line of lines) expectCleanLine(line);
  });
});

describe('finding 4 (part 2): a backend reason phrase with CR/LF', () => {
  it('reaches ASE as one line in response_status', async () => {
    const ase = await standin('primary');
    const lines: LoggedLine[] = [];
    const p = policy({ nodes: [{ name: 'primary', url: ase.url }] }, lines);
    const decision = await p.checkRequest(secretCall());
    await p.reportResponse(decision.correlationId, makeResponse({ reason: 'OK\r\nX-Injected: 1' }), decision.node);
    const response = ase.calls.find((call) => call.path === '/ase/response');
    expect((response?.body as { response_status: string }).response_status).toBe('OK X-Injected: 1');
  });
});

describe('finding "a down node comes back by a probe, not by an API call paying its timeout" (healthCheck)', () => {
  it('a black-holed node is probed with GET /ase once per window; API calls never try it again; it comes back when it answers', async () => {
    const primary = await standin('primary', { mode: 'hang' });
    const secondary = await standin('secondary');
    const lines: LoggedLine[] = [];
    const p = policy(
      {
        nodes: [{ name: 'primary', url: primary.url }, { name: 'secondary', url: secondary.url }],
        healthCheck: true,
        retryAfterMs: 400,
        attemptTimeoutMs: 150,
        callBudgetMs: 1000
      },
      lines
    );
    const requestsTo = (ase: AseStandin) => ase.calls.filter((call) => call.path === '/ase/request').length;
    const probesTo = (ase: AseStandin) => ase.calls.filter((call) => call.method === 'GET' && call.path === '/ase').length;

    // The first call pays the black hole's timeout once and marks the node down.
    const first = await p.checkRequest(secretCall());
    expect(first).toMatchObject({ node: 'secondary', attempts: 2 });
    // Two windows later, probes have hit the black hole (and failed); calls still skip it without an attempt.
    await eventually(() => probesTo(primary) >= 2, 'two GET /ase probes on the black-holed primary');
    const later = await p.checkRequest(secretCall());
    expect(later).toMatchObject({ node: 'secondary', attempts: 1 });
    expect(later.log?.message ?? '').not.toContain('ASE_TIMEOUT');
    expect(requestsTo(primary)).toBe(1);

    // The node answers again: the next probe brings it back, with one ASE_HEALTH line.
    await primary.setFaults({ mode: 'none' });
    await eventually(() => lines.some((line) => line.text.startsWith(Codes.HEALTH) && line.level === 'warn'), 'the ASE_HEALTH line');
    expect((await p.checkRequest(secretCall())).node).toBe('primary');
    const health = lines.filter((line) => line.level === 'warn' && line.text.startsWith(Codes.HEALTH));
    expect(health).toHaveLength(1);
    expect(health[0].text).toContain('ASE node primary answered GET /ase with 200: it takes calls again');
    for (const line of lines) expectCleanLine(line);
  });

  it('without healthCheck nothing probes: the first call after the window tries the node (and pays its timeout)', async () => {
    const primary = await standin('primary', { mode: 'hang' });
    const secondary = await standin('secondary');
    let clock = 1_000_000;
    const lines: LoggedLine[] = [];
    const p = policy({ nodes: [{ name: 'primary', url: primary.url }, { name: 'secondary', url: secondary.url }], retryAfterMs: 400, attemptTimeoutMs: 150 }, lines, () => clock);
    expect((await p.checkRequest(secretCall())).attempts).toBe(2);
    clock += 401;
    expect((await p.checkRequest(secretCall())).attempts).toBe(2);
    expect(primary.calls.filter((call) => call.method === 'GET')).toEqual([]);
  });
});
