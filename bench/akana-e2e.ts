// Section 2: pi_policy.js end to end in Rhino through the Java host objects to a loopback ASE, against a bare HttpURLConnection POST (Node, bench).
import { comparePaired, type PairedRound } from './stats';
import type { SectionReport } from './report';
import { size, type BenchContext } from './context';
import { barePostLoop, benchConfig, benchRoute, captureSideband, policyLoop, QUIET_LOGS, typicalStep } from './akana-bench';
import { iterationMicros, runRhinoRounds } from './rhino-loop';
import { BENCH_TOKEN } from './typical-call';

export async function benchAkanaEndToEnd(ctx: BenchContext): Promise<SectionReport> {
  const iterations = size(ctx, 500, 150);
  const rounds = size(ctx, 10, 4);
  const warmupRounds = size(ctx, 5, 2);
  ctx.progress(`§2 Akana end to end: ${rounds} rounds of ${iterations} calls per arm (+${warmupRounds} warm-up)`);

  const captured = await captureSideband(ctx.bundles);
  const ase = await ctx.farm.start({ name: 'ase-e2e', token: BENCH_TOKEN });
  try {
    const tag = 'e2e';
    const config = benchConfig(tag, ['primary']);
    const run = await runRhinoRounds({
      name: 'akana-e2e',
      routes: benchRoute('primary', tag, { baseUrl: ase.url }),
      logLevels: QUIET_LOGS,
      warmupRounds,
      rounds,
      arms: {
        policy: () => typicalStep([config, policyLoop(ctx.bundles, { name: 'policy', iterations })]),
        floor: () => typicalStep([barePostLoop(`${ase.url}/ase/request`, captured, { name: 'bare-post', iterations })]),
        buffered: () => typicalStep([barePostLoop(`${ase.url}/ase/request`, captured, { name: 'bare-post-buffered', iterations }, 'buffered')])
      }
    });
    ctx.engine ??= run.engine;
    for (const r of run.rounds) {
      if (r.policy.sends.length !== iterations || r.policy.sends.some((s) => s.status !== 200)) {
        throw new Error('§2: the policy did not get a 200 from the stand-in for every call');
      }
    }
    const stats = await ase.stats();
    const paired: PairedRound[] = run.rounds.map((r) => ({ variant: iterationMicros(r.policy), floor: iterationMicros(r.floor) }));
    const p50 = comparePaired(paired, (s) => s.median);
    const p99 = comparePaired(paired, (s) => s.p99);
    const overhead = p50.variant.median - p50.floor.median;
    const modes: PairedRound[] = run.rounds.map((r) => ({ variant: iterationMicros(r.floor), floor: iterationMicros(r.buffered) }));
    const modeP50 = comparePaired(modes, (s) => s.median);
    const modeP99 = comparePaired(modes, (s) => s.p99);
    return {
      id: '2',
      title: 'Akana bundle end to end in Rhino (loopback ASE, keep-alive)',
      method: [
        `pi_policy.js on the typical call, through the fake Akana host's Java objects (msgrService -> Messenger -> java.net.HttpURLConnection, ` +
          `keep-alive: every answer read to its end) to the ASE stand-in in a separate Node process on 127.0.0.1, which checks the token and validates every body against the wire schema.`,
        `Floor: a bare HttpURLConnection POST of the same ${Buffer.byteLength(captured.body)}-byte body with the same headers (ASE-Token, X-CorrelationID, Content-Type, Connection), ` +
          'reading the answer to its end, from a script in the same Rhino engine and JVM (so its few Java calls go through the same bridge; the body bytes are prepared once, untimed). ' +
          'The floor streams the body after the headers (setFixedLengthStreamingMode) exactly as the fake Messenger does, so both sides use the same wire pattern; ' +
          'a third arm sends the same POST in buffered mode, to show what that pattern itself costs. ' +
          `Per-call times inside one script execution per arm and round (${iterations} calls), arms interleaved with their order rotated each round, ${rounds} rounds after ${warmupRounds} warm-up rounds. ` +
          `The stand-in saw ${stats.calls} calls over ${stats.connections} TCP connection(s) in this section, warm-up included.`
      ],
      tables: [
        {
          variantLabel: 'pi_policy.js per call',
          floorLabel: 'bare POST per call',
          rows: [
            { figure: 'p50', unit: 'us', data: p50, target: { limit: 1.1, text: '<= 1.10x' } },
            { figure: 'p99', unit: 'us', data: p99, target: { limit: 1.1, text: '<= 1.10x' } }
          ]
        },
        {
          caption: 'The transport pattern itself (informational, no target)',
          variantLabel: 'bare POST, body streamed after the headers',
          floorLabel: 'bare POST, buffered',
          rows: [
            { figure: 'p50', unit: 'us', data: modeP50 },
            { figure: 'p99', unit: 'us', data: modeP99 }
          ]
        }
      ],
      plain: [],
      verdicts: [],
      analysis: [
        ...(p50.result.median <= 1.1 && p99.result.median <= 1.1
          ? [`The policy adds about ${Math.round(overhead)} µs at the median to a loopback round trip.`]
          : [
              `The target is **missed**: the policy adds about ${Math.round(overhead)} µs at the median to a ${Math.round(p50.floor.median)} µs loopback round trip. ` +
                'That is the script\'s own work (§1: per-message bundle instantiation, config validation, host reads, payload, decision), which a bare POST does not do, ' +
                'plus a little more Java in the fake Messenger than in the floor (copying the answer\'s headers into the out message). It is more than §1 measures in its tight loop: ' +
                'the same code runs slower when every call is separated by a network wait (§5\'s paced in-process arm shows the same effect). On loopback the round trip is so short that ' +
                'this CPU is a large fraction of it; against a remote ASE (a network hop of a millisecond or more) the same microseconds would be a far smaller ratio, but the 1.10x target is about loopback and is not met.'
            ]),
        '',
        `Transport: streaming the body after the headers (the fake Messenger's choice, mirrored by the floor) makes a loopback POST ${Math.round(modeP50.variant.median)} µs ` +
          `against ${Math.round(modeP50.floor.median)} µs buffered. That pattern puts the body in a second small TCP segment, which is consistent with Nagle's algorithm ` +
          'holding it until the server acknowledges the first. It is a property of the fake host\'s HTTP client, not of the policy, and Akana\'s own client may differ; ' +
          'it is why the loopback round trip here is far slower than a Node client\'s (§3), and it inflates both sides of the comparison alike.'
      ]
    };
  } finally {
    await ase.close();
  }
}
