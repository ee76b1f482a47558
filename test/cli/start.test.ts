// The start command (npm start): the demo's table and summary agree with each other and with what happened (Node, vitest).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/cli';
import { runDemo, type DemoResult } from '../../demo/run-demo';
import { problems } from '../../demo/report';
import { DEMO_ASE_TOKEN, DENIED_IP, STOLEN_TOKEN, demoTraffic } from '../../demo/traffic';
import { rhinoAvailable } from '../../emulators/akana';

const engine = rhinoAvailable();

function collector() {
  const text = { out: '', err: '' };
  return {
    text,
    io: { out: { write: (s: string) => (text.out += s) }, err: { write: (s: string) => (text.err += s) } }
  };
}

interface Row {
  index: number;
  call: string;
  client: string;
  decision: string;
  node: string;
  aseStatus: string;
  ms: string;
  note: string;
}

/** Table rows: "  N  cells separated by two or more spaces". */
function rows(output: string): Row[] {
  return output
    .split('\n')
    .filter((line) => /^\s+\d+ {2}/.test(line))
    .map((line) => {
      const [index, call, client, decision, node, aseStatus, ms, note = ''] = line.trim().split(/ {2,}/);
      return { index: Number(index), call, client, decision, node, aseStatus, ms, note };
    });
}

function nearestRankMedian(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1];
}

/** Every assertion about one demo run's printed report. */
function checkReport(output: string, result: DemoResult): void {
  expect(result.problems).toEqual([]);
  const table = rows(output);
  expect(table.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  // The blocked calls: a bearer token, the same token in the query string, retained by retain-header, an IP; then on the secondary.
  const blocked = table.filter((r) => r.decision === 'BLOCKED 403');
  expect(blocked.map((r) => r.index)).toEqual([3, 4, 5, 6, 9]);
  for (const r of blocked) expect(r.aseStatus).toBe('403');
  expect(table[3].call).toBe('GET /shop/items?access_token=stol…(19)');
  expect(table[4].client).toContain('retain-header');
  expect(table[5].client).toContain(DENIED_IP);

  // The stop marker sits between #6 and #7; #7 fails over, later calls skip the primary.
  const lines = output.split('\n');
  const marker = lines.findIndex((l) => /^\s+--\s+primary ASE stopped/.test(l));
  expect(lines[marker - 1]).toMatch(/^\s+6 {2}/);
  expect(lines[marker + 1]).toMatch(/^\s+7 {2}/);
  expect(table.slice(0, 6).every((r) => r.node === 'primary')).toBe(true);
  expect(table.slice(6).every((r) => r.node === 'secondary')).toBe(true);
  expect(table[6].note).toBe('failover: primary ASE_REFUSED');
  for (const r of table.slice(7)) expect(r.note).toBe('primary skipped (marked down)');

  // Forwarded calls show both phases: ASE 200/200 and two latencies.
  const forwarded = table.filter((r) => r.decision === 'forwarded');
  for (const r of forwarded) {
    expect(r.aseStatus).toBe('200/200');
    expect(r.ms).toMatch(/^\d+\.\d \/ \d+\.\d$/);
  }

  // The summary agrees with the rows.
  expect(output).toContain(`calls ${table.length}: ${forwarded.length} forwarded, ${blocked.length} BLOCKED 403\n`);
  const failovers = table.filter((r) => r.note.startsWith('failover:'));
  expect(output).toContain(`failovers ${failovers.length} (#7: primary ASE_REFUSED -> secondary); later calls that skipped a node marked down: 3\n`);
  const requestMs = table.map((r) => Number(r.ms.split(' / ')[0]));
  expect(output).toContain(`p50 ${nearestRankMedian(requestMs).toFixed(1)} ms`);
  expect(output).toContain(`max ${Math.max(...requestMs).toFixed(1)} ms`);
  const onPrimary = (node: string, withResponse: boolean) => table.filter((r) => r.node === node && (!withResponse || r.decision === 'forwarded')).length;
  expect(output).toContain(
    `ASE received ${table.length} request + ${forwarded.length} response calls ` +
      `(primary ${onPrimary('primary', false)} + ${onPrimary('primary', true)}, secondary ${onPrimary('secondary', false)} + ${onPrimary('secondary', true)}); ` +
      `correlation ids paired ${forwarded.length}/${forwarded.length}; ASE-Token accepted 15/15; bodies valid 15/15`
  );

  // No secret is printed whole.
  for (const secret of [DEMO_ASE_TOKEN, STOLEN_TOKEN, 'alice-token-2b7e41d0', 'app-token-9d03c8aa51']) expect(output).not.toContain(secret);
}

describe('npm start', () => {
  afterEach(() => {
    vi.doUnmock('../../demo/run-demo');
    vi.resetModules();
  });

  it.skipIf(!engine.ok)(`runs the traffic through the Akana bundles in Rhino (${engine.reason})`, async () => {
    const { text, io } = collector();
    const result = await runDemo({ out: io.out });
    expect(result.host).toBe('akana');
    expect(text.out).toMatch(/^engine: Rhino .* one JVM\)$/m);
    expect(text.out).not.toContain('Node fallback');
    checkReport(text.out, result);
  }, 60000);

  it.skipIf(!engine.ok)(`runs the traffic through the Apigee shared flow zip in Rhino with --apigee (${engine.reason})`, async () => {
    const { text, io } = collector();
    const result = await runDemo({ host: 'apigee', out: io.out });
    expect(result.host).toBe('apigee');
    expect(text.out).toMatch(/^engine: Rhino .*fake Apigee host running the shared flow zip.* one JVM\)$/m);
    expect(text.out).toMatch(/^built the Apigee shared flow pi-ase-sideband\.zip .*not in the zip\)$/m);
    checkReport(text.out, result);
  }, 120000);

  it('runs the same traffic through the Node host with --node, saying so in one line', async () => {
    const { text, io } = collector();
    let primaryAfter = 0;
    const result = await runDemo({
      host: 'node',
      out: io.out,
      // --keep-running's hook: the stopped primary listens again (it answers 401 to a call without the token).
      beforeClose: async (standins) => {
        const res = await fetch(`${standins.primary.url}/ase/request`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
        primaryAfter = res.status;
      }
    });
    expect(result.host).toBe('node');
    expect(text.out.split('\n').filter((l) => l.startsWith('Node fallback:'))).toHaveLength(1);
    checkReport(text.out, result);
    expect(primaryAfter).toBe(401);
  }, 60000);

  it('problems() names a call whose decision or node differs from the script', () => {
    const traffic = demoTraffic().filter((s) => s.kind === 'call');
    const phase = { node: 'primary', aseStatus: 200, ms: 1, failed: [], skipped: [] };
    const outcomes = traffic.slice(0, 2).map((step, i) => ({ index: i + 1, step, blocked: false, clientStatus: 200, request: { ...phase }, response: { ...phase } }));
    outcomes[1].blocked = true;
    outcomes[1].request.node = 'secondary';
    const summary = { calls: 2, forwarded: 1, blocked: 1, failovers: 0, skippedDown: 0, p50Ms: 1, maxMs: 1, maxCall: 1, aseRequests: 2, aseResponses: 1, perNode: { primary: { requests: 2, responses: 1 }, secondary: { requests: 0, responses: 0 } }, paired: 1, tokenAccepted: 3, validBodies: 3 };
    expect(problems(outcomes, summary)).toEqual(['call #2 was blocked, expected forwarded', 'call #2 was answered by secondary, expected primary']);
  });

  it('--help shows the options; an unknown option is a usage error', async () => {
    const help = collector();
    expect(await main(['start', '--help'], help.io)).toBe(0);
    expect(help.text.out).toMatch(/^usage: pi-akana start \[--node \| --apigee\] \[--keep-running\]/);
    for (const option of ['--node', '--keep-running', '--help']) expect(help.text.out).toContain(option);
    const bad = collector();
    expect(await main(['start', '--bogus'], bad.io)).toBe(2);
    expect(bad.text.err).toContain("Unknown option '--bogus'");
  });

  it('exits 1 with one line when the demo did not go as scripted', async () => {
    vi.resetModules();
    vi.doMock('../../demo/run-demo', () => ({ runDemo: async () => ({ problems: ['call #3 was forwarded, expected blocked'] }) }));
    const cli = await import('../../cli/cli');
    const { text, io } = collector();
    expect(await cli.main(['start'], io)).toBe(1);
    expect(text.err).toBe('pi-akana start: error: the demo did not go as scripted: call #3 was forwarded, expected blocked\n');
  });
});
