// Section 4: failover cost through the Node host and the Akana bundle: primary refused (added latency) and primary black-holed (timeouts paid) (Node, bench).
import { createAsePolicy, type AsePolicy } from '../node/index';
import { Codes } from '../policies/core/errors';
import { compareFigures, rotation, summarize, type PairedFigure, type PairedRound } from './stats';
import type { ComparisonRow, SectionReport, Verdict } from './report';
import { size, type BenchContext } from './context';
import { countingLogger, runLoad } from './load';
import { benchConfig, benchRoute, policyLoop, QUIET_LOGS, typicalStep } from './akana-bench';
import { iterationMicros, runRhinoRounds } from './rhino-loop';
import type { RemoteStandin } from './standin-farm';
import { BENCH_TOKEN, typicalCall } from './typical-call';

const ADDED_TARGET = { limit: 1000, text: '< 1 ms added at p50', strict: true };
/** Black-hole settings: short enough that 1000 paced calls span several retryAfter windows. */
const HANG = { attemptTimeoutMs: 200, retryAfterMs: 500, pauseMs: 2 };

function p50(rounds: PairedRound[]): PairedFigure {
  return compareFigures(rounds.map((r) => summarize(r.variant).median), rounds.map((r) => summarize(r.floor).median), 'added');
}
function p99(rounds: PairedRound[]): PairedFigure {
  return compareFigures(rounds.map((r) => summarize(r.variant).p99), rounds.map((r) => summarize(r.floor).p99), 'added');
}

interface HangCount {
  label: string;
  calls: number;
  timeouts: number;
  elapsedMs: number;
  windows: number;
}

function hangVerdict(h: HangCount): Verdict {
  return {
    figure: `${h.label}: calls that paid a timeout (${h.calls} calls over ${(h.elapsedMs / 1000).toFixed(1)} s, retryAfter ${HANG.retryAfterMs} ms)`,
    target: `<= 1 per retryAfter window (${h.windows} window${h.windows === 1 ? '' : 's'})`,
    measured: `${h.timeouts} (${(h.timeouts / h.windows).toFixed(2)} per window)`,
    met: h.timeouts <= h.windows
  };
}

/** Node host: policies over the given node URLs; every call must end ALLOWED by `node`. */
function nodePolicy(urls: string[], options: Record<string, unknown> = {}): { policy: AsePolicy; problems: string[] } {
  const { logger, lines } = countingLogger();
  const names = ['primary', 'secondary'];
  const policy = createAsePolicy({ config: { aseToken: BENCH_TOKEN, nodes: urls.map((url, i) => ({ name: names[i], url })), ...options }, logger });
  return { policy, problems: lines };
}

async function nodeRefused(ctx: BenchContext, up: RemoteStandin, refused: RemoteStandin, secondary: RemoteStandin) {
  const calls = size(ctx, 2000, 400);
  const rounds = size(ctx, 6, 3);
  const upPolicy = nodePolicy([up.url, secondary.url]).policy;
  const downPolicy = nodePolicy([refused.url, secondary.url]).policy;
  const retryEvery = nodePolicy([refused.url, secondary.url], { retryAfterMs: 0 }).policy;
  const arms = {
    up: async () => expectNode(await upPolicy.checkRequest(typicalCall()), 'primary'),
    down: async () => expectNode(await downPolicy.checkRequest(typicalCall()), 'secondary'),
    retry: async () => expectNode(await retryEvery.checkRequest(typicalCall()), 'secondary', 2)
  };
  try {
    for (const arm of Object.values(arms)) await runLoad({ total: size(ctx, 2000, 1000), concurrency: 1 }, arm);
    const kept: Array<Record<keyof typeof arms, number[]>> = [];
    for (let round = 0; round < rounds + 1; round++) {
      const got = {} as Record<keyof typeof arms, number[]>;
      for (const arm of rotation(['up', 'down', 'retry'] as const, round)) got[arm] = (await runLoad({ total: calls, concurrency: 1 }, arms[arm])).latencies;
      if (round > 0) kept.push(got);
    }
    return {
      calls,
      rounds,
      skip: kept.map((r) => ({ variant: r.down, floor: r.up })),
      retry: kept.map((r) => ({ variant: r.retry, floor: r.up }))
    };
  } finally {
    await Promise.all([upPolicy.close(), downPolicy.close(), retryEvery.close()]);
  }
}

function expectNode(decision: { code: string; node: string; attempts: number }, node: string, attempts?: number): void {
  if (decision.code !== Codes.ALLOWED || decision.node !== node || (attempts !== undefined && decision.attempts !== attempts)) {
    throw new Error(`§4: expected ALLOWED by ${node}${attempts ? ` after ${attempts} attempts` : ''}, got ${decision.code} by '${decision.node}' (${decision.attempts} attempts)`);
  }
}

async function nodeHang(hung: RemoteStandin, secondary: RemoteStandin, concurrency: number, calls: number): Promise<HangCount> {
  const { policy } = nodePolicy([hung.url, secondary.url], { attemptTimeoutMs: HANG.attemptTimeoutMs, retryAfterMs: HANG.retryAfterMs });
  let timeouts = 0;
  try {
    // Each worker pauses C times longer, so every concurrency level sends at the same overall rate.
    const load = await runLoad({ total: calls, concurrency, pauseMs: HANG.pauseMs * concurrency }, async () => {
      const decision = await policy.checkRequest(typicalCall());
      if (decision.code !== Codes.ALLOWED || decision.node !== 'secondary') throw new Error(`§4: hang: got ${decision.code} by '${decision.node}'`);
      if (decision.log && decision.log.message.indexOf(Codes.TIMEOUT) >= 0) timeouts += 1;
    });
    return { label: `Node host, concurrency ${concurrency}`, calls, timeouts, elapsedMs: load.wallMs, windows: Math.ceil(load.wallMs / HANG.retryAfterMs) };
  } finally {
    await policy.close();
  }
}

async function akanaRefused(ctx: BenchContext, up: RemoteStandin, refused: RemoteStandin, secondary: RemoteStandin) {
  const iterations = size(ctx, 300, 100);
  const rounds = size(ctx, 6, 3);
  const routes = {
    ...benchRoute('primary', 'fo-up', { baseUrl: up.url }),
    ...benchRoute('secondary', 'fo-up', { baseUrl: secondary.url }),
    ...benchRoute('primary', 'fo-down', { baseUrl: refused.url }),
    ...benchRoute('secondary', 'fo-down', { baseUrl: secondary.url }),
    ...benchRoute('primary', 'fo-retry', { baseUrl: refused.url }),
    ...benchRoute('secondary', 'fo-retry', { baseUrl: secondary.url })
  };
  const step = (tag: string, options: Record<string, unknown> = {}) => () =>
    typicalStep([benchConfig(tag, ['primary', 'secondary'], options), policyLoop(ctx.bundles, { name: tag, iterations })]);
  const run = await runRhinoRounds({
    name: 'akana-failover',
    routes,
    logLevels: QUIET_LOGS,
    warmupRounds: 2,
    rounds,
    arms: { up: step('fo-up'), down: step('fo-down'), retry: step('fo-retry', { retryAfterMs: 0 }) }
  });
  for (const r of run.rounds) {
    const ok = (arm: 'up' | 'down' | 'retry', perCall: number) =>
      r[arm].sends.length === iterations * perCall && r[arm].sends.filter((s) => s.status === 200).length === iterations;
    if (!ok('up', 1) || !ok('down', 1) || !ok('retry', 2)) throw new Error('§4: the Akana failover arms did not send as expected');
  }
  return {
    iterations,
    rounds,
    skip: run.rounds.map((r) => ({ variant: iterationMicros(r.down), floor: iterationMicros(r.up) })),
    retry: run.rounds.map((r) => ({ variant: iterationMicros(r.retry), floor: iterationMicros(r.up) }))
  };
}

async function akanaHang(ctx: BenchContext, hung: RemoteStandin, secondary: RemoteStandin, calls: number): Promise<HangCount> {
  const tag = 'fo-hang';
  const run = await runRhinoRounds({
    name: 'akana-hang',
    routes: {
      // Akana enforces the attempt timeout through the container's socket settings for the ASE API.
      ...benchRoute('primary', tag, { baseUrl: hung.url, connectTimeoutMs: HANG.attemptTimeoutMs, readTimeoutMs: HANG.attemptTimeoutMs }),
      ...benchRoute('secondary', tag, { baseUrl: secondary.url })
    },
    logLevels: QUIET_LOGS,
    warmupRounds: 0,
    rounds: 1,
    arms: {
      hang: () =>
        typicalStep([
          benchConfig(tag, ['primary', 'secondary'], { retryAfterMs: HANG.retryAfterMs, attemptTimeoutMs: HANG.attemptTimeoutMs }),
          policyLoop(ctx.bundles, { name: tag, iterations: calls, pauseMs: HANG.pauseMs })
        ])
    }
  });
  const step = run.rounds[0].hang;
  const times = iterationMicros(step);
  const timeouts = step.logs.filter((l) => (l.text ?? '').indexOf(Codes.TIMEOUT) >= 0).length;
  if (step.sends.filter((s) => s.status === 200).length !== calls) throw new Error('§4: Akana hang: not every call was answered by the secondary');
  // Wall time from the loop: the calls plus the pauses (a lower bound, so the window count is not flattered).
  const elapsedMs = times.reduce((a, b) => a + b, 0) / 1000 + calls * HANG.pauseMs;
  return { label: 'Akana bundle, one thread', calls, timeouts, elapsedMs, windows: Math.ceil(elapsedMs / HANG.retryAfterMs) };
}

export async function benchFailover(ctx: BenchContext): Promise<SectionReport> {
  ctx.progress('§4 failover: refused primary (Node host, Akana), black-holed primary');
  const start = (name: string) => ctx.farm.start({ name, token: BENCH_TOKEN });
  const [up, refused, secondary, hung] = await Promise.all([start('primary-up'), start('primary-refused'), start('secondary'), start('primary-hung')]);
  try {
    await refused.setFaults({ mode: 'refuse' });
    await hung.setFaults({ mode: 'hang' });
    const node = await nodeRefused(ctx, up, refused, secondary);
    const akana = await akanaRefused(ctx, up, refused, secondary);
    const hangCalls = size(ctx, 1000, 400);
    const hangs = [await nodeHang(hung, secondary, 1, hangCalls), await nodeHang(hung, secondary, 16, hangCalls), await akanaHang(ctx, hung, secondary, hangCalls)];

    const rows = (skip: PairedRound[], retry: PairedRound[]): ComparisonRow[] => [
      { figure: 'primary refused, skipped while down (retryAfterMs 30000, the default): p50', unit: 'us', data: p50(skip), target: ADDED_TARGET },
      { figure: 'same, p99', unit: 'us', data: p99(skip) },
      { figure: 'primary refused on every call (retryAfterMs 0: each call tries it first): p50', unit: 'us', data: p50(retry), target: ADDED_TARGET },
      { figure: 'same, p99', unit: 'us', data: p99(retry) }
    ];
    const verdicts = hangs.map(hangVerdict);
    const missedHang = hangs.filter((h) => h.timeouts > h.windows);
    return {
      id: '4',
      title: 'Failover',
      method: [
        'Two ASE nodes, each a stand-in in the separate stand-in process. **Refused**: the primary stand-in stops listening (connections refused) and the secondary answers; ' +
          'the floor is the same policy with a primary that is up. Arms interleaved (order rotated each round) after a warm-up; the comparison is the added latency per call (variant minus floor). ' +
          `Node host: ${node.rounds} rounds of ${node.calls} sequential checkRequest calls per arm. Akana bundle: ${akana.rounds} rounds of ${akana.iterations} calls per arm in Rhino through the Java host ` +
          '(per-call times inside one script execution), each arm with its own node services so node health (JVM system properties) is not shared.',
        `**Black-holed**: the primary stand-in reads each request and never answers; attemptTimeoutMs ${HANG.attemptTimeoutMs} (Akana: the route's connect and read timeouts), ` +
          `retryAfterMs ${HANG.retryAfterMs}, ${hangCalls} calls each followed by a ${HANG.pauseMs} ms pause (C x ${HANG.pauseMs} ms with C concurrent callers: the same overall rate) ` +
          'so they span several retryAfter windows. A call paid a timeout when its decision ' +
          'names ASE_TIMEOUT for the primary; the allowance is one per retryAfter window, windows = ceil(elapsed / retryAfterMs).'
      ],
      tables: [
        { caption: 'Node host', variantLabel: 'primary refused', floorLabel: 'primary up', rows: rows(node.skip, node.retry) },
        { caption: 'Akana bundle', variantLabel: 'primary refused', floorLabel: 'primary up', rows: rows(akana.skip, akana.retry) }
      ],
      plain: [],
      verdicts,
      analysis: [
        `A refused attempt on loopback costs about ${Math.round(p50(node.retry).result.median)} µs through the Node host and ${Math.round(p50(akana.retry).result.median)} µs through the Akana bundle ` +
          `(retryAfterMs 0); while the primary is marked down a call only reads its down-until mark (${Math.round(p50(node.skip).result.median)} µs and ${Math.round(p50(akana.skip).result.median)} µs). ` +
          'Calls that only skip the primary log their failover note at debug level (on in this bench only if the logger enables debug).',
        missedHang.length === 0
          ? 'Black-holed primary: one call per window pays the attempt timeout, as the skip-while-down rule intends.'
          : `Black-holed primary: **missed** for ${missedHang.map((h) => h.label).join(', ')}. The skip-while-down rule marks the primary down when an attempt fails, ` +
            'but the calls already in flight to the primary when it went silent (up to C with C concurrent callers) each pay their own timeout in that first window: ' +
            'no node state can warn calls already sent. After it, the core lets a single call probe the primary when its skip time is over while the others keep skipping it, ' +
            'so later windows cost one timeout each; the total is about C + (windows - 1).'
      ]
    };
  } finally {
    await Promise.all([up.close(), refused.close(), secondary.close(), hung.close()]);
  }
}
