// Section 2: pi_policy.js end to end in Rhino through the fake Akana host's HTTP Messenger to a loopback ASE stand-in, against the hand-written floor (Node, bench).
import { size, type BenchContext } from './harness';
import { compareArms, p50, p99, type Compared } from './stats';
import { compareRow, headline, num, type Section } from './report';
import { micros, phaseCpuP50, policyAndFloor, type ArmRound } from './rhino-bench';
import { BENCH_TOKEN } from './typical-call';

const wall = (phase: 'request' | 'response', q: (v: number[]) => number) => (r: ArmRound) =>
  q(micros(phase === 'request' ? r.requestWallNanos : r.responseWallNanos));

export async function benchAkanaEndToEnd(ctx: BenchContext): Promise<Section> {
  const messages = size(ctx, 250, 100);
  const rounds = size(ctx, 12, 3);
  const warmupRounds = size(ctx, 6, 1);
  ctx.progress(`§2 Akana end to end: ${rounds} rounds of ${messages} messages per arm (+${warmupRounds} warm-up)`);
  const ase = await ctx.farm.start({ name: 'ase-e2e', token: BENCH_TOKEN });
  try {
    const run = await policyAndFloor(ctx.bundles.piPolicy, 'e2e', ase.url, { messages, rounds, warmupRounds });
    ctx.engine ??= run.engine;
    const stats = await ase.stats();
    if (stats.rejected > 0) throw new Error(`§2: the stand-in rejected ${stats.rejected} calls (first: ${stats.firstRejection})`);
    const figures: Array<[string, Compared]> = [
      ['request message, p50', compareArms(run.rounds, 'bundle', 'floor', wall('request', p50))],
      ['request message, p99', compareArms(run.rounds, 'bundle', 'floor', wall('request', p99))],
      ['response message, p50', compareArms(run.rounds, 'bundle', 'floor', wall('response', p50))],
      ['response message, p99', compareArms(run.rounds, 'bundle', 'floor', wall('response', p99))],
      ['request message, CPU of the calling thread, p50', compareArms(run.rounds, 'bundle', 'floor', phaseCpuP50('request'))],
      ['response message, CPU of the calling thread, p50', compareArms(run.rounds, 'bundle', 'floor', phaseCpuP50('response'))]
    ];
    const [request, , response] = figures.map(([, c]) => c);
    return {
      id: '2',
      title: 'Akana end to end in Rhino (loopback ASE over HTTP, keep-alive)',
      method: [
        "The same model and arms as §1 (pi_policy.js and the hand-written floor, each with config.js), but the fake Akana host's Messenger POSTs each sideband call " +
          'over java.net.HttpURLConnection (keep-alive, every answer read to its end, the body streamed after the headers) to the ASE stand-in in a separate Node process on 127.0.0.1, ' +
          'which checks the token and validates every body against the wire schema. The figures are wall time per message around the scripts, the round trip included, and the calling thread\'s CPU time (the HTTP client\'s work included). ' +
          `${rounds} rounds of ${messages} messages per arm after ${warmupRounds} warm-up rounds, arms alternating. ` +
          `The stand-in answered ${stats.calls} calls over ${stats.connections} TCP connection(s) in this section, all of them 200.`
      ],
      tables: [{ header: ['figure', 'pi_policy.js', 'hand-written', 'compared'], rows: figures.map(([figure, c]) => compareRow(figure, c)) }],
      notes: [
        `The policy adds ${num(request.variant.median - request.floor.median)} µs to a request message and ${num(response.variant.median - response.floor.median)} µs to a response message ` +
          "over the hand-written policy sending the same bytes; the rest of the time is the loopback round trip through the fake host's HTTP client, the same for both."
      ],
      headlines: [headline('Akana request message end to end: pi_policy.js / hand-written, p50', request), headline('Akana response message end to end: pi_policy.js / hand-written, p50', response)]
    };
  } finally {
    await ase.close();
  }
}
