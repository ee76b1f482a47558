// Section 4: failover through the Node host and the Akana bundle: a refused primary (added latency) and a black-holed one (timeouts paid) (Node, bench).
import type { RouteConfig } from '../emulators/akana';
import { countingLogger, nodeRounds, PATIENT, runLoad, size, type BenchContext, type LoadResult, type NodeEntry } from './harness';
import { compareArms, p50, type Compared } from './stats';
import { compareRow, headline, type Section } from './report';
import { akanaConfig, akanaRoutes, expectArm, micros, runRhinoBench, typicalArm, type ArmRound } from './rhino-bench';
import { BENCH_TOKEN, typicalCall } from './typical-call';

const ADDED = { limit: 1000, text: '< 1 ms added' };
/** Black hole: short enough that the paced calls span several retryAfter windows. */
const HANG = { attemptTimeoutMs: 200, retryAfterMs: 500, pauseMs: 2 };

/** A Node host call over [primary, secondary] that must be ALLOWED by `node` (in `attempts` attempts, when given); counts ASE_TIMEOUT decisions. */
function nodeArm(host: NodeEntry, urls: string[], node: string, attempts: number | undefined, options: Record<string, unknown>) {
  const nodes = [{ name: 'primary', url: urls[0] }, { name: 'secondary', url: urls[1] }];
  const policy = host.createAsePolicy({ config: { aseToken: BENCH_TOKEN, nodes, ...PATIENT, ...options }, logger: countingLogger().logger });
  const arm = { timeouts: 0, close: () => policy.close(), call: async () => {
    const d = await policy.checkRequest(typicalCall());
    if (d.code !== host.Codes.ALLOWED || d.node !== node || (attempts !== undefined && d.attempts !== attempts)) {
      throw new Error(`§4: expected ALLOWED by ${node}, got ${d.code} by '${d.node}' in ${d.attempts} attempts`);
    }
    if (d.log && d.log.message.indexOf(host.Codes.TIMEOUT) >= 0) arm.timeouts += 1;
  } };
  return arm;
}

export async function benchFailover(ctx: BenchContext): Promise<Section> {
  ctx.progress('§4 failover: refused primary (Node host, Akana bundle), black-holed primary');
  const host = await ctx.nodeHost();
  const start = (name: string, mode?: 'refuse' | 'hang') => ctx.farm.start({ name, token: BENCH_TOKEN, faults: mode ? { mode } : undefined });
  const [up, refused, secondary, hung] = await Promise.all([start('primary-up'), start('primary-refused', 'refuse'), start('secondary'), start('primary-hung', 'hang')]);
  const rounds = size(ctx, 10, 3);
  const calls = size(ctx, 1000, 400);
  const messages = size(ctx, 200, 100);
  const hangCalls = size(ctx, 1000, 300);
  const hangOptions = { retryAfterMs: HANG.retryAfterMs, attemptTimeoutMs: HANG.attemptTimeoutMs, callBudgetMs: 1000 };
  try {
    // Node host: up (the floor), down (refused, skipped while marked down), retry (refused, retryAfterMs 0: tried first on every call).
    const node = {
      up: nodeArm(host, [up.url, secondary.url], 'primary', 1, {}),
      down: nodeArm(host, [refused.url, secondary.url], 'secondary', undefined, {}),
      retry: nodeArm(host, [refused.url, secondary.url], 'secondary', 2, { retryAfterMs: 0 })
    };
    const nodeRuns = await nodeRounds({ up: node.up.call, down: node.down.call, retry: node.retry.call }, { rounds, warmupRounds: 1, calls, concurrency: 1 });
    await Promise.all(Object.values(node).map((n) => n.close()));
    // label, calls, paid a timeout, windows, the allowance: the C calls in flight when the primary went silent, then one per later window.
    const hangs: string[][] = [];
    const hangRow = (label: string, concurrency: number, paid: number, windows: number) =>
      [label, String(hangCalls), String(paid), String(windows), String(concurrency + Math.max(0, windows - 1))];
    for (const concurrency of [1, 16]) {
      const arm = nodeArm(host, [hung.url, secondary.url], 'secondary', undefined, hangOptions);
      // Each worker pauses C times longer, so every concurrency level sends at the same overall rate.
      const load = await runLoad({ calls: hangCalls, concurrency, pauseMs: HANG.pauseMs * concurrency }, arm.call);
      await arm.close();
      hangs.push(hangRow(`Node host, concurrency ${concurrency}`, concurrency, arm.timeouts, Math.ceil(load.wallMs / HANG.retryAfterMs)));
    }

    // The same arms in Rhino (model of §1, request messages), each with its own service names so node health (JVM system properties) is not shared.
    const arm = (name: string, primary: RouteConfig, options: Record<string, unknown> = {}) => ({
      routes: akanaRoutes(name, { primary, secondary: { baseUrl: secondary.url } }),
      arm: typicalArm(name, [akanaConfig(name, ['primary', 'secondary'], options), ctx.bundles.piPolicy], { requestOnly: true })
    });
    const arms = [arm('up', { baseUrl: up.url }), arm('down', { baseUrl: refused.url }), arm('retry', { baseUrl: refused.url }, { retryAfterMs: 0 })];
    const akana = await runRhinoBench({ routes: Object.assign({}, ...arms.map((a) => a.routes)), arms: arms.map((a) => a.arm), messages, rounds, warmupRounds: 2 });
    expectArm(akana, 'up', messages, 1);
    expectArm(akana, 'down', messages, 1, { extraSends: 2, logs: true });
    expectArm(akana, 'retry', messages, 2, { answeredPerMessage: 1, logs: true });
    // Akana enforces the attempt timeout through the container's socket settings for the ASE API.
    const hang = arm('hang', { baseUrl: hung.url, connectTimeoutMs: HANG.attemptTimeoutMs, readTimeoutMs: HANG.attemptTimeoutMs }, hangOptions);
    const hangRun = await runRhinoBench({ routes: hang.routes, arms: [{ ...hang.arm, pauseMs: HANG.pauseMs, countLog: host.Codes.TIMEOUT }], messages: hangCalls, rounds: 1, warmupRounds: 0 });
    const hangRound = hangRun.rounds[0].hang;
    if (hangRound.answered200 !== hangCalls || hangRound.exceptions > 0) throw new Error(`§4: Akana hang: ${hangRound.answered200} of ${hangCalls} calls answered by the secondary`);
    const hangWallMs = micros(hangRound.requestWallNanos).reduce((a, b) => a + b, 0) / 1000 + hangCalls * HANG.pauseMs;
    hangs.push(hangRow('Akana bundle, one thread', 1, hangRound.logMatches, Math.ceil(hangWallMs / HANG.retryAfterMs)));

    const nodeP50 = (r: LoadResult) => p50(r.latencies);
    const akanaP50 = (r: ArmRound) => p50(micros(r.requestWallNanos));
    const figures: Array<[string, Compared]> = [
      ['Node host: primary refused, skipped while marked down (retryAfterMs 30000, the default)', compareArms(nodeRuns, 'down', 'up', nodeP50, 'added')],
      ['Node host: primary refused and tried first on every call (retryAfterMs 0)', compareArms(nodeRuns, 'retry', 'up', nodeP50, 'added')],
      ['Akana bundle: primary refused, skipped while marked down', compareArms(akana.rounds, 'down', 'up', akanaP50, 'added')],
      ['Akana bundle: primary refused and tried first on every call', compareArms(akana.rounds, 'retry', 'up', akanaP50, 'added')]
    ];
    return {
      id: '4',
      title: 'Failover',
      method: [
        'Two ASE nodes, each a stand-in in the stand-in process. **Refused**: the primary stand-in refuses connections and the secondary answers; the floor is the same policy ' +
          `with a primary that is up. Three arms (up, refused and skipped while marked down, refused and tried first on every call), interleaved, ${rounds} rounds after a warm-up: ` +
          `Node host ${calls} sequential checkRequest calls per arm and round, Akana bundle ${messages} request messages per arm and round (model of §1, wall time); ` +
          'the figure is the p50 added over the floor.',
        `**Black-holed**: the primary stand-in reads each request and never answers; attemptTimeoutMs ${HANG.attemptTimeoutMs} (Akana: the route's connect and read timeouts), ` +
          `retryAfterMs ${HANG.retryAfterMs}, ${hangCalls} calls each followed by a ${HANG.pauseMs} ms pause (C x ${HANG.pauseMs} ms with C concurrent callers: the same overall rate). ` +
          'A call paid a timeout when its decision (Akana: its log line) names ASE_TIMEOUT; windows = ceil(elapsed / retryAfterMs). The allowance is C + (windows - 1): ' +
          'the C calls in flight when the primary went silent (one with a single caller), then one probe per later window.'
      ],
      tables: [
        { header: ['figure, p50', 'primary refused', 'primary up', 'added'], rows: figures.map(([f, c]) => compareRow(f, c)) },
        { header: ['black-holed primary', 'calls', 'paid a timeout', 'retryAfter windows', 'allowance'], rows: hangs }
      ],
      notes: [
        'With C concurrent callers, the calls already in flight to the primary when it went silent (up to C) each pay their own timeout in the first window: ' +
          'no node state can warn calls already sent. After it one call per window probes the primary while the others skip it, so the total is about C + (windows - 1).'
      ],
      headlines: [
        ...figures.map(([f, c]) => headline(`${f}, p50 added`, c, ADDED)),
        ...hangs.map(([label, , paid, windows, allowance]) => ({
          figure: `${label}, black-holed primary: calls that paid a timeout`,
          measured: `${paid} in ${windows} windows`,
          target: `<= ${allowance} (in flight + 1 per later window)`,
          met: Number(paid) <= Number(allowance)
        }))
      ]
    };
  } finally {
    await Promise.all([up.close(), refused.close(), secondary.close(), hung.close()]);
  }
}
