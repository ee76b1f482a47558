// The fault matrix on the Node host: every fault x sync/failClosed/async over real loopback sockets, one clean line each (Node, vitest).
//
// Not the test kit: it loads nock, whose socket interception would stand between us and the real faults.
import { afterAll, describe, expect, it } from 'vitest';
import { createAsePolicy, type AsePolicyOptions } from '../../node/index';
import { Codes } from '../../policies/core/errors';
import { ALL_LINES, FAULT_CASES, MODES, SECRETS, TIMEOUTS, boundMs, expectCleanLine, expectOneLine, secretCall, type LoggedLine, type Mode, type NodeSetup } from './fault-matrix';
import { FarEnds, hasOpenssl } from './fault-servers';

const ends = new FarEnds();
afterAll(() => ends.closeAll());

/** The node URL and TLS options that produce the fault. */
async function farEnd(setup: NodeSetup): Promise<{ url: string; tls?: AsePolicyOptions['tls'] }> {
  if ('standin' in setup) return { url: (await ends.standin('primary', setup.standin)).url };
  if (setup.special === 'tls-to-plain') return { url: (await ends.standin('primary')).url.replace('http:', 'https:') };
  // Signed by the test CA, which Node does not trust unless told (no tls.ca here).
  if (setup.special === 'untrusted-cert') return { url: (await ends.standin('primary', {}, 'ca-signed')).url };
  // The server's certificate is trusted; ours is missing, so ASE refuses us.
  return { url: await ends.mtlsServer(), tls: { ca: ends.pki.ca } };
}

function recorder(into: LoggedLine[]) {
  const write = (level: LoggedLine['level']) => (text: string) => {
    into.push({ level, text });
    ALL_LINES.push({ level, text });
  };
  return { debug: write('debug'), warn: write('warn'), error: write('error') };
}

const needsTls = (setup: NodeSetup | null) => setup !== null && 'special' in setup && setup.special !== 'tls-to-plain';

describe('fault matrix, Node host', () => {
  for (const fault of FAULT_CASES) {
    const setup = fault.node;
    if (setup === null) continue;
    for (const mode of MODES) {
      const outcome = fault.outcome.node[mode];
      it.skipIf(needsTls(setup) && !hasOpenssl())(`${fault.name}, ${mode}: ${outcome.verdict} ${outcome.code}`, async () => {
        const { url, tls } = await farEnd(setup);
        const lines: LoggedLine[] = [];
        const policy = createAsePolicy({
          config: { aseToken: SECRETS.token, nodes: [{ name: 'primary', url }], ...TIMEOUTS[fault.patience], failClosed: mode === 'failClosed', asyncMode: mode === 'async' },
          tls,
          logger: recorder(lines)
        });
        const started = performance.now();
        const decision = await policy.checkRequest(secretCall());
        const elapsed = performance.now() - started;
        await policy.close(); // every background call and body ends, and is logged, by then

        expect(elapsed).toBeLessThan(boundMs(fault, outcome, mode));
        if (mode === 'async') {
          expect(decision).toMatchObject({ verdict: 'allow', code: Codes.ASYNC, clientStatus: 0 });
        } else {
          expect(decision).toMatchObject({ verdict: outcome.verdict, code: outcome.code, clientStatus: outcome.verdict === 'block' ? 503 : 0 });
        }
        expectOneLine(lines, outcome);
      });
    }
  }

  afterAll(() => {
    // Every line the Node leg wrote, whichever case: one line, no secret.
    for (const line of ALL_LINES) expectCleanLine(line);
  });
});

/** Makes sure the matrix ran: a suite whose cases all skipped would prove nothing. */
describe('fault matrix coverage', () => {
  it('covers every fault of issue 14 in the three modes', () => {
    const names = FAULT_CASES.map((c) => c.name);
    for (const wanted of ['refused', 'black-holed', 'stalled headers', 'stalled body after the status', 'reset', '400', '401', '429', '500', '503', 'garbage', 'huge answer (10 MB)', 'TLS spoken to a plain HTTP port', 'client certificate rejected (mTLS)']) {
      expect(names).toContain(wanted);
    }
    expect(MODES).toEqual(['sync', 'failClosed', 'async']);
  });
});
