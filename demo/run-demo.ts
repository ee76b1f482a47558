// The start demo end to end: build the bundles with a demo config, start two ASE stand-ins, run the traffic, report (Node).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAseStandin, type AseStandin } from '../standin';
import { readPackageVersion } from '../packaging/build-bundles';
import { provideAkanaBundles } from '../packaging/akana-bundles';
import { buildAkanaConfigJs } from '../config/config-js-build';
import { akanaNode } from '../emulators/akana';
import { ensureEngine } from '../emulators/akana';
import { CONFIG_DEFAULTS } from '../policies/core/config-types';
import { runOnAkana } from './akana-run';
import { runOnNode } from './node-run';
import { runOnApigee } from './apigee-run';
import type { HostRun } from './outcome';
import { problems, reportLines, summarise, type DemoSummary } from './report';
import { DEMO_ASE_TOKEN, DEMO_DENY, demoTraffic, type NodeName } from './traffic';

export interface DemoOptions {
  /** 'auto' (default): Rhino when Java and the Rhino jar are there, else the Node host. 'apigee': the Apigee shared flow in Rhino. */
  host?: 'auto' | 'akana' | 'node' | 'apigee';
  out: { write(text: string): unknown };
  /** Called with the stand-ins (primary listening again) and the build folder before they are closed, e.g. to wait for Ctrl-C. */
  beforeClose?: (standins: Record<NodeName, AseStandin>, buildDir: string) => Promise<void>;
}

export interface DemoResult {
  host: 'akana' | 'node' | 'apigee';
  run: HostRun;
  summary: DemoSummary;
  /** Empty when the product did what the script expects. */
  problems: string[];
}

/** Options shared by config.js and the Node fallback; a long retryAfter keeps the stopped primary skipped for the whole demo. */
const DEMO_OPTIONS = { retryAfterMs: 30000 };

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const say = (line = '') => options.out.write(`${line}\n`);
  // --node needs no engine; otherwise bring it (apt-get as root) or say the exact command, then fall back.
  const engine = options.host === 'node' ? { ok: false, reason: '--node given' } : ensureEngine(say);
  const wanted = options.host ?? 'auto';
  if ((wanted === 'akana' || wanted === 'apigee') && !engine.ok) throw new Error(`Rhino is not available: ${engine.reason}`);
  const host = wanted === 'node' || (wanted === 'auto' && !engine.ok) ? 'node' : wanted === 'auto' ? 'akana' : wanted;

  const buildDir = await mkdtemp(join(tmpdir(), 'pi-akana-demo-'));
  const standins: Partial<Record<NodeName, AseStandin>> = {};
  try {
    // 1. The real bundles (compiled in a checkout, the shipped ones from an installed package), and
    //    config.js rendered from a demo config through the build's own checks.
    const started = performance.now();
    const version = await readPackageVersion();
    const outDir = join(buildDir, 'akana');
    const provided = await provideAkanaBundles(outDir, version);
    const [piPolicy, retainHeader] = provided.bundles;
    const nodes = [akanaNode('primary', 'demo'), akanaNode('secondary', 'demo')];
    const demoConfig = { aseToken: DEMO_ASE_TOKEN, nodes, ...DEMO_OPTIONS };
    const configFile = join(buildDir, 'demo-config.json');
    await writeFile(configFile, JSON.stringify(demoConfig, null, 2));
    const configJs = await buildAkanaConfigJs({ configFile, outDir, version });
    const how = provided.origin === 'compiled' ? 'built' : "took this package's prebuilt";
    say(`${how} pi_policy.js (${piPolicy.bytes} B) and retain-header-policy.js (${retainHeader.bytes} B), rendered config.js (${configJs.bytes} B: demo ASE token, nodes primary + secondary) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // 2. Two ASE stand-ins sharing the sideband token and the deny list.
    for (const name of ['primary', 'secondary'] as const) {
      standins[name] = await startAseStandin({ name, token: DEMO_ASE_TOKEN, deny: DEMO_DENY });
    }
    const both = standins as Record<NodeName, AseStandin>;
    say(`ASE stand-ins: primary ${both.primary.url}, secondary ${both.secondary.url} (sideband token set; deny list: 1 bearer token, 1 IP)`);

    // 3. The traffic, through Rhino or the Node host.
    const traffic = demoTraffic();
    let run: HostRun;
    if (host === 'apigee') {
      const apigeeConfig = join(buildDir, 'apigee-config.json');
      const urls = [{ name: 'primary', url: both.primary.url }, { name: 'secondary', url: both.secondary.url }];
      await writeFile(apigeeConfig, JSON.stringify({ aseToken: DEMO_ASE_TOKEN, nodes: urls, ...DEMO_OPTIONS }));
      // Loaded here: building the shared flow needs the ES5 compiler (a checkout's dev dependency).
      const { buildApigeeSharedFlow } = await import('../packaging/apigee/build-apigee');
      const flow = await buildApigeeSharedFlow({ configFile: apigeeConfig, outDir: join(buildDir, 'apigee'), version });
      say(`built the Apigee shared flow ${flow.options.name}.zip (${flow.zipBytes} B: nodes primary + secondary by URL; the demo ASE token in its KVM ${flow.options.kvm}, not in the zip)`);
      run = await runOnApigee({ traffic, zip: flow.zip, kvm: flow.options.kvm, aseToken: DEMO_ASE_TOKEN, standins: both });
    } else if (host === 'akana') {
      run = await runOnAkana({
        traffic,
        scripts: { piPolicy: piPolicy.file, retainHeader: retainHeader.file, configJs: configJs.file },
        standins: both,
        services: { primary: nodes[0].service as string, secondary: nodes[1].service as string },
        attemptTimeoutMs: CONFIG_DEFAULTS.attemptTimeoutMs
      });
    } else {
      say(`Node fallback: ${engine.reason}; the same traffic runs through the Node host instead of the Akana bundles in Rhino`);
      run = await runOnNode({ traffic, config: { aseToken: DEMO_ASE_TOKEN, ...DEMO_OPTIONS }, standins: both });
    }
    say(`engine: ${run.engine}`);
    say();

    // 4. What happened, from the policy's results and what the stand-ins received.
    const summary = summarise(run.outcomes, { primary: both.primary.calls, secondary: both.secondary.calls });
    for (const line of reportLines(run, traffic, summary)) say(line);
    const found = problems(run.outcomes, summary);
    for (const problem of found) say(`UNEXPECTED: ${problem}`);

    if (options.beforeClose) {
      await both.primary.setFaults({ mode: 'none' });
      await options.beforeClose(both, buildDir);
    }
    return { host, run, summary, problems: found };
  } finally {
    await Promise.all(Object.values(standins).map((s) => s.close()));
    await rm(buildDir, { recursive: true, force: true });
  }
}
