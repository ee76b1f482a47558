// Section 1: the policy's CPU per call in Rhino with ASE answered in-process, against JSON.stringify of the same payload (Node, bench).
import { comparePaired, compareFigures, summarize, type PairedFigure, type PairedRound } from './stats';
import type { SectionReport } from './report';
import { statSync } from 'node:fs';
import { size, type BenchContext } from './context';
import { benchConfig, benchRoute, captureSideband, policyLoop, QUIET_LOGS, typicalStep } from './akana-bench';
import { iterationMicros, loopScript, runRhinoRounds } from './rhino-loop';
import { BODY_GROUP, CONFIG_GROUP, INSTANTIATION, READ_GROUP, shareOf, withJfr, type PolicyProfile } from './rhino-profile';

export async function benchPolicyCpu(ctx: BenchContext): Promise<SectionReport> {
  const iterations = size(ctx, 1000, 300);
  const rounds = size(ctx, 12, 4);
  // Measured: the JIT needs several thousand executions of the script before its time per call settles.
  const warmupRounds = size(ctx, 6, 3);
  ctx.progress(`§1 policy CPU in Rhino: ${rounds} rounds of ${iterations} calls per arm (+${warmupRounds} warm-up)`);

  const captured = await captureSideband(ctx.bundles);
  const tag = 'cpu';
  const config = benchConfig(tag, ['primary']);
  const run = await runRhinoRounds({
    name: 'policy-cpu',
    routes: benchRoute('primary', tag, { baseUrl: 'inproc:200' }),
    logLevels: QUIET_LOGS,
    warmupRounds,
    rounds,
    arms: {
      policy: () => typicalStep([config, policyLoop(ctx.bundles, { name: 'policy', iterations })]),
      // msgrService unbound: the script loads and validates config.js, reads the context, and stops.
      setup: () => typicalStep([config, policyLoop(ctx.bundles, { name: 'setup-only', iterations })], { bindings: { msgrService: 'null' } }),
      floor: () =>
        typicalStep([
          loopScript({
            name: 'json-stringify',
            iterations,
            setup: `var __payload = ${captured.body};\nvar __sink = 0;`,
            body: '  __sink += JSON.stringify(__payload).length;'
          })
        ])
    }
  });
  ctx.engine ??= run.engine;
  for (const r of run.rounds) {
    const sends = r.policy.sends;
    if (sends.length !== iterations || sends.some((s) => s.status !== 200)) throw new Error('§1: the policy did not send one answered call per iteration');
    if (r.setup.sends.length !== 0) throw new Error('§1: the setup-only arm sent calls');
  }

  const paired: PairedRound[] = run.rounds.map((r) => ({ variant: iterationMicros(r.policy), floor: iterationMicros(r.floor) }));
  const setupPerRound = run.rounds.map((r) => summarize(iterationMicros(r.setup)).median);
  const whole = comparePaired(paired, (s) => s.median);
  // Payload and decision alone: the whole script minus what the setup-only arm spends (config.js load and validation).
  const payloadAndDecision = compareFigures(
    paired.map((p, i) => summarize(p.variant).median - setupPerRound[i]),
    paired.map((p) => summarize(p.floor).median),
    'ratio'
  );
  const setupVsFloor = compareFigures(setupPerRound, paired.map((p) => summarize(p.floor).median), 'ratio');
  const p99 = comparePaired(paired, (s) => s.p99);
  const bytes = Buffer.byteLength(captured.body, 'utf8');

  // Where the time goes: the policy arm alone again, sampled by JFR every millisecond.
  const profileIterations = size(ctx, 3000, 1000);
  const profile = await withJfr(async (javaArgs) => {
    await runRhinoRounds({
      name: 'policy-cpu-profile',
      routes: benchRoute('primary', tag, { baseUrl: 'inproc:200' }),
      logLevels: QUIET_LOGS,
      warmupRounds: 1,
      rounds: 3,
      arms: { policy: () => typicalStep([config, policyLoop(ctx.bundles, { name: 'policy', iterations: profileIterations })]) },
      run: { javaArgs }
    });
  });

  const shareOfSetup = setupPerRound.map((s, i) => s / summarize(paired[i].variant).median);
  const setupShare = Math.round(100 * (shareOfSetup.reduce((a, b) => a + b, 0) / shareOfSetup.length));

  return {
    id: '1',
    title: 'Policy CPU in Rhino (ASE answered in-process)',
    method: [
      `pi_policy.js (with config.js) handles the typical call: 15 request headers (Authorization taken from the exchange, as retain-header-policy.js leaves it), ` +
        `a query string, an OAuth end user and consumer app. The fake Akana host's Messenger answers 200 in-process (a route with \`baseUrl: "inproc:200"\`: no socket, ` +
        `same out message and status property as over HTTP), so what is timed is the script: config.js validation, reading the host objects, the correlation id, ` +
        `building and serialising the ${bytes}-byte /ase/request body, building the exchange, the state machine and the decision. Debug logging is off (warn level), as in production.`,
      `Floor: \`JSON.stringify\` of that same payload (captured from the policy's own send) in the same engine and JVM. Both are timed per iteration inside one script ` +
        `execution (${iterations} iterations per execution, System.nanoTime around each), so the harness's per-execution costs (fresh scope, bindings) are outside both; ` +
        `the two nanoTime calls are inside both. A third arm runs the script with \`msgrService\` unbound, which stops right after config.js is loaded and validated ` +
        `and the context is read: subtracting it isolates payload plus decision. Arms interleaved with their order rotated each round; ${rounds} rounds after ${warmupRounds} warm-up rounds.`
    ],
    tables: [
      {
        variantLabel: 'policy per call',
        floorLabel: 'JSON.stringify per call',
        rows: [
          { figure: 'whole pi_policy.js execution, p50', unit: 'us', data: whole, target: { limit: 3, text: '<= 3x floor' } },
          { figure: 'payload + decision only (whole minus setup arm), p50', unit: 'us', data: payloadAndDecision, target: { limit: 3, text: '<= 3x floor' } },
          { figure: 'setup only: config.js load + validation + context reads, p50', unit: 'us', data: setupVsFloor },
          { figure: 'whole pi_policy.js execution, p99', unit: 'us', data: p99 }
        ]
      }
    ],
    plain: [
      {
        caption: `Where the policy's time goes (a separate JVM running the policy arm alone under JFR, 1 ms sampling, warm-up included: ${profile.samples} samples with pi_policy.js on the stack)`,
        header: ['part of pi_policy.js', 'share of samples'],
        rows: [
          ...profile.groups.map((g) => [g.group, pct(g.share)]),
          ['(across all parts) inside JSON.stringify: the floor\'s own work', pct(profile.stringifyShare)],
          ['(across all parts) inside a Java method called from the script', pct(profile.javaCallShare)],
          ['(across all parts) in the script class\'s name table (getParamOrVarName), read for every activation object', pct(profile.nameTableShare)]
        ]
      }
    ],
    verdicts: [],
    analysis: policyCpuAnalysis(whole, profile, setupShare, readBundleBytes(ctx))
  };
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** The analysis lines, from the measured figures and the profile (no number here is typed in by hand). */
function policyCpuAnalysis(whole: PairedFigure, profile: PolicyProfile, setupShare: number, bundleBytes: number): string[] {
  const perCall = whole.variant.median;
  const floor = whole.floor.median;
  const body = shareOf(profile, BODY_GROUP);
  const perMessage = shareOf(profile, INSTANTIATION) + shareOf(profile, CONFIG_GROUP);
  const bodyRatio = (body * perCall) / floor;
  const verdict = whole.result.median <= 3
    ? `The target is met: the whole script costs ${whole.result.median.toFixed(1)}x a JSON.stringify of its payload.`
    : `The target is **missed**: the whole script costs ${whole.result.median.toFixed(1)}x a JSON.stringify of its payload (${Math.round(perCall)} µs against ${floor.toFixed(1)} µs).`;
  return [
    verdict,
    '',
    `- JSON.stringify, the floor's whole work, is ${pct(profile.stringifyShare)} of the policy's samples: the floor measures serialisation, the policy does much more per message.`,
    `- Per-message costs of the execution model are ${pct(perMessage)} of the samples: the script policy runs pi_policy.js for every message (so does the harness), ` +
      `so every call instantiates the whole ${Math.round(bundleBytes / 1024)} KB bundle (every function and module constant, in Rhino activation objects; ` +
      'the large tables, such as the config rules, reason phrases and SHA-256 constants, are built only when a call needs them) and re-validates ' +
      `config.js (the setup arm alone is about ${setupShare}% of a call).`,
    ...(profile.nameTableShare >= 0.02
      ? [
          `- Rhino compiles every function of the script into one class, whose name table (getParamOrVarName: one entry per parameter and variable of every function) ` +
            'is larger than the 8000 bytes of bytecode HotSpot compiles by default, so it always runs interpreted: ' +
            `${pct(profile.nameTableShare)} of the samples, paid for every slot of every activation object (the bundle's own, one slot per top-level name, ` +
            'and each call of a function with a try/catch or a closure); HotSpot\'s -XX:-DontCompileHugeMethods lifts that limit on a gateway JVM.'
        ]
      : []),
    `- Reading the host objects is ${pct(shareOf(profile, READ_GROUP))}: the readers call the Java methods directly and redo the whole read guarded only if a call throws ` +
      '(a try/catch per call would build an activation object each time); ' +
      `the time inside Java methods called from the script (reads, exchange, send) is ${pct(profile.javaCallShare)} of all samples.`,
    `- Building and serialising the body is ${pct(body)}, about ${Math.round(body * perCall)} µs or ${bodyRatio.toFixed(1)}x the floor on its own: ` +
      'every header is normalised (name trimmed and lower-cased, both texts cut to the size limit, lone surrogates replaced), the Host header moved first, ' +
      'the query and identity added and the one-key header objects made, before the stringify.',
    bodyRatio > 3
      ? '- So the 3x target is out of reach for this design in per-message Rhino: even the payload builder alone exceeds it. What remains is spread thin over ' +
        "Rhino's per-operation costs rather than concentrated in one step; the per-message instantiation and validation would only go away in a host that " +
        'keeps the compiled policy and its validated config between calls.'
      : '- The payload builder alone is within 3x of the floor; the rest is the per-message execution model and host reads.'
  ];
}

function readBundleBytes(ctx: BenchContext): number {
  return statSync(ctx.bundles.piPolicy).size;
}
