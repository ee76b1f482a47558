// Section 5: what asyncMode (detect-only) adds to each call when ASE takes 200 ms to answer, Node host and Akana bundle (Node, bench).
import { countingLogger, nodeRounds, PATIENT, size, type BenchContext, type LoadResult } from './harness';
import { compareArms, p50, p99, type Compared } from './stats';
import { compareRow, headline, num, type Section } from './report';
import { akanaConfig, akanaRoutes, expectArm, micros, runRhinoBench, typicalArm, type ArmRound } from './rhino-bench';
import { BENCH_TOKEN, typicalCall } from './typical-call';

const ASE_DELAY_MS = 200;
const PAUSE_MS = 1;
/**
 * Sized for this load (ASE at 200 ms): Akana 64 threads x 5 calls a second each = 320 a second, about the paced
 * rate on a loaded machine and below it on a fast one, where the pool keeps a backlog that the runner drains
 * after the rounds (tailMs); the bound (both hosts) is above any backlog of one run, so nothing is dropped.
 */
const AKANA_ASYNC = { asyncThreads: 64, asyncMaxInFlight: 4096 };
const TARGET = { limit: 1000, text: '< 1 ms added' };

export async function benchAsyncMode(ctx: BenchContext): Promise<Section> {
  const calls = size(ctx, 1000, 300);
  const rounds = size(ctx, 5, 2);
  ctx.progress(`§5 async mode: ASE answers after ${ASE_DELAY_MS} ms; ${rounds} rounds of ${calls} paced calls per arm, Node host and Akana`);
  const { createAsePolicy, Codes } = await ctx.nodeHost();
  const ase = await ctx.farm.start({ name: 'ase-slow', token: BENCH_TOKEN, faults: { delayMs: ASE_DELAY_MS } });
  try {
    // Node host: checkRequest resolves at once; the sideband call completes in the background.
    const { logger, lines } = countingLogger();
    const policy = createAsePolicy({ config: { aseToken: BENCH_TOKEN, nodes: [{ name: 'primary', url: ase.url }], asyncMode: true, asyncMaxInFlight: AKANA_ASYNC.asyncMaxInFlight, ...PATIENT }, logger });
    let node;
    try {
      node = await nodeRounds(
        {
          async: async () => {
            const decision = await policy.checkRequest(typicalCall());
            if (decision.code !== Codes.ASYNC) throw new Error(`§5: async mode decided ${decision.code}`);
          },
          // The floor: the caller awaiting a promise that is already resolved, i.e. no policy at all.
          none: async () => await Promise.resolve()
        },
        { rounds, warmupRounds: 1, calls, concurrency: 1, pauseMs: PAUSE_MS }
      );
    } finally {
      await policy.close();
    }
    const nodeSent = (await ase.stats()).calls;
    if (lines.length > 0) throw new Error(`§5: the host logged: ${lines.slice(0, 3).join(' | ')}`);
    if (nodeSent < (rounds + 1) * calls) throw new Error(`§5: only ${nodeSent} background calls reached the stand-in`);

    // Akana: the policy queues the sideband call on the JVM's worker pool and returns; the floor runs an empty script.
    // Threads and bound sized for this load (about 150 calls in flight), so what is measured is the hand-off, not drops.
    const tag = 'async';
    const akana = await runRhinoBench({
      routes: akanaRoutes(tag, { primary: { baseUrl: ase.url } }),
      arms: [
        typicalArm('async', [akanaConfig(tag, ['primary'], { asyncMode: true, ...AKANA_ASYNC }), ctx.bundles.piPolicy], { requestOnly: true, pauseMs: PAUSE_MS }),
        typicalArm('none', [{ name: 'no-policy.js', source: '' }], { requestOnly: true, pauseMs: PAUSE_MS })
      ],
      messages: calls,
      rounds,
      warmupRounds: 1,
      // An upper bound: the runner returns once the pool has sent its backlog (all 6000 calls queued at once would take 19 s at 320 a second).
      tailMs: 30000
    });
    ctx.engine ??= akana.engine;
    expectArm(akana, 'none', calls, 0);
    const akanaSent = (await ase.stats()).calls - nodeSent;
    if (akanaSent < (rounds + 1) * calls * 0.9) throw new Error(`§5: only ${akanaSent} Akana background calls reached the stand-in`);

    const nodeLatency = (q: (v: number[]) => number) => (r: LoadResult) => q(r.latencies);
    const akanaLatency = (q: (v: number[]) => number) => (r: ArmRound) => q(micros(r.requestWallNanos));
    const figures: Array<[string, Compared]> = [
      ['Node host, p50', compareArms(node, 'async', 'none', nodeLatency(p50), 'added')],
      ['Node host, p99', compareArms(node, 'async', 'none', nodeLatency(p99), 'added')],
      ['Akana bundle, p50', compareArms(akana.rounds, 'async', 'none', akanaLatency(p50), 'added')],
      ['Akana bundle, p99', compareArms(akana.rounds, 'async', 'none', akanaLatency(p99), 'added')]
    ];
    return {
      id: '5',
      title: 'Async mode (detect-only) with a slow ASE',
      method: [
        `The ASE stand-in answers every call after ${ASE_DELAY_MS} ms. With \`asyncMode: true\` the policy sends the metadata in the background and lets the call go on; ` +
          'the figure is the time the caller waits, against a floor of no policy at all (Node: awaiting an already-resolved promise; Akana: an empty script run the same way as the policy). ' +
          `Calls are paced with a ${PAUSE_MS} ms pause after each, so a hundred or more background calls are queued or in flight at any time and compete with the measured ones. ` +
          `${rounds} rounds of ${calls} request messages per arm after a warm-up round, arms alternating; Akana's policy queues each call on the JVM's worker pool (asyncThreads ${AKANA_ASYNC.asyncThreads}, asyncMaxInFlight ${AKANA_ASYNC.asyncMaxInFlight}).`
      ],
      tables: [{ header: ['figure', 'asyncMode', 'no policy', 'added'], rows: figures.map(([f, c]) => compareRow(f, c)) }],
      notes: [
        `The ${ASE_DELAY_MS} ms wait for ASE is not on the call path in either host: the Node host adds ${num(figures[0][1].result.median)} µs and the Akana bundle ` +
          `${num(figures[2][1].result.median)} µs at the median, the policy's own work before the hand-off (Akana: the whole script per message, plus queuing the call).`
      ],
      headlines: [headline('Node host, asyncMode, slow ASE: p50 added', figures[0][1], TARGET), headline('Akana bundle, asyncMode, slow ASE: p50 added', figures[2][1], TARGET)]
    };
  } finally {
    await ase.close();
  }
}
