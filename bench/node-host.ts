// Section 3: the shipped Node host (dist/node: createAsePolicy over undici) against a bare undici Pool.request of the same body, at concurrency 1, 16 and 64 (Node, bench).
import { Pool } from 'undici';
import { countingLogger, nodeRounds, PATIENT, size, type BenchContext, type LoadResult } from './harness';
import { compareArms, p50, p99, type Compared } from './stats';
import { compareRow, headline, num, type Section, type Table } from './report';
import { BENCH_TOKEN, typicalCall } from './typical-call';

const TARGET = { limit: 1.1, text: '<= 1.10x (issue 11)' };
const latency = (q: (v: number[]) => number) => (r: LoadResult) => q(r.latencies);

export async function benchNodeHost(ctx: BenchContext): Promise<Section> {
  const levels = [
    { concurrency: 1, calls: size(ctx, 1000, 400) },
    { concurrency: 16, calls: size(ctx, 2000, 1000) },
    { concurrency: 64, calls: size(ctx, 3000, 1500) }
  ];
  // Many short rounds: a burst of other load on the shared cores then hits a round of each arm, not one arm's whole figure.
  const rounds = size(ctx, 15, 3);
  ctx.progress(`§3 Node host: concurrency ${levels.map((l) => l.concurrency).join('/')}, ${rounds} rounds per level (+1 warm-up)`);
  const { createAsePolicy, Codes } = await ctx.nodeHost();
  const ase = await ctx.farm.start({ name: 'ase-node', token: BENCH_TOKEN });
  const { logger, lines } = countingLogger();
  const policy = createAsePolicy({ config: { aseToken: BENCH_TOKEN, nodes: [{ name: 'primary', url: ase.url }], ...PATIENT }, logger });
  const pool = new Pool(ase.url);
  try {
    // The floor sends exactly what the host sent first (body and headers, undici's own connection headers aside).
    const first = await policy.checkRequest(typicalCall());
    const sent = (await ase.stats()).first;
    if (first.code !== Codes.ALLOWED || !sent) throw new Error(`§3: the host's first call was not allowed (${first.code})`);
    const headers = ['ASE-Token', BENCH_TOKEN, 'X-CorrelationID', first.correlationId, 'Content-Type', sent.headers['content-type']];
    const arms = {
      host: async () => {
        const decision = await policy.checkRequest(typicalCall());
        if (decision.code !== Codes.ALLOWED || decision.aseStatus !== 200) throw new Error(`§3: host decided ${decision.code}`);
      },
      pool: async () => {
        const response = await pool.request({ path: sent.path, method: 'POST', headers, body: sent.rawBody });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`§3: bare Pool.request answered ${response.statusCode}`);
      }
    };
    const tables: Table[] = [];
    const headlines: Section['headlines'] = [];
    const c1: Compared[] = [];
    for (const level of levels) {
      const kept = await nodeRounds(arms, { rounds, warmupRounds: 1, ...level });
      const figures: Array<[string, Compared]> = [
        ['p50 latency', compareArms(kept, 'host', 'pool', latency(p50))],
        ['throughput (compared: floor / host)', compareArms(kept, 'host', 'pool', (r) => r.throughput, 'inverse')],
        ['p99 latency', compareArms(kept, 'host', 'pool', latency(p99))],
        ['client CPU per call (process.cpuUsage)', compareArms(kept, 'host', 'pool', (r) => r.cpuPerCall)]
      ];
      if (level.concurrency === 1) c1.push(figures[0][1]);
      tables.push({
        caption: `concurrency ${level.concurrency}, ${level.calls} calls per arm and round`,
        header: ['figure', 'host (dist/node)', 'bare Pool.request', 'compared'],
        rows: figures.map(([figure, c]) => compareRow(figure, c, figure.startsWith('throughput') ? 'calls/s' : 'us'))
      });
      headlines.push(headline(`Node host / bare Pool, p50 at concurrency ${level.concurrency}`, figures[0][1], TARGET));
      headlines.push(headline(`Node host / bare Pool, throughput at concurrency ${level.concurrency}`, figures[1][1], TARGET, 'calls/s'));
      headlines.push(headline(`Node host / bare Pool, client CPU per call at concurrency ${level.concurrency}`, figures[3][1]));
    }
    const stats = await ase.stats();
    if (lines.length > 0) throw new Error(`§3: the host logged: ${lines.slice(0, 3).join(' | ')}`);
    if (stats.rejected > 0) throw new Error(`§3: the stand-in rejected ${stats.rejected} calls (first: ${stats.firstRejection})`);
    return {
      id: '3',
      title: 'Node host over undici (the shipped build)',
      method: [
        '`createAsePolicy(...).checkRequest(call)` from `dist/node/index.js` as `npm run build:node` writes it (not the TypeScript sources), on the typical call with a fresh ' +
          'correlation id per call, one node: the ASE stand-in in a separate Node process on 127.0.0.1. Every decision is checked (ALLOWED, ASE status 200) and no warning or error may be logged; ' +
          'the timeouts are raised to 5 s so that an answer slowed by the shared cores is measured, not timed out (the host still arms its timer per attempt).',
        "Floor: a bare `undici` `Pool.request` (the dispatcher the host uses, one Pool for the node) POSTing the body and headers the host sent on its first call, " +
          'captured by the stand-in, reading the answer to its end. Closed loop: C workers each send their next call when the previous one is answered. ' +
          `The two arms alternate, order swapped each round, ${rounds} rounds per concurrency level after a warm-up round. Throughput is calls per second over a round, ` +
          'compared as floor / host, so 1.10x means 10% fewer calls per second. ' +
          'Client CPU is the CPU time of the measuring process (user + system; the stand-in runs elsewhere) over a round divided by its calls: less sensitive to other load on the cores than latency. ' +
          `The stand-in answered ${stats.calls} calls over ${stats.connections} TCP connections in this section.`
      ],
      tables,
      notes: [`At concurrency 1 the host adds ${num(c1[0].variant.median - c1[0].floor.median)} µs to a ${num(c1[0].floor.median)} µs loopback round trip at the median.`],
      headlines
    };
  } finally {
    await policy.close();
    await pool.close();
    await ase.close();
  }
}
