// Runs the demo traffic through the built Akana bundles in Rhino (fake Akana host, one JVM) against the stand-ins (Node).
import type { AseStandin } from '../standin';
import { presentRequest } from '../emulators/akana';
import { runScenarioDocument, type RouteConfig, type SendRecord, type Step, type StepResult } from '../emulators/akana';
import { DEFAULT_PROPERTY_NAMES } from '../policies/core/config-types';
import { stopSwitch } from './stop-switch';
import { trailOf, type CallOutcome, type HostRun, type PhaseOutcome } from './outcome';
import { afterOAuth, type DemoStep, type NodeName } from './traffic';

export interface AkanaRunInput {
  traffic: DemoStep[];
  /** Absolute paths of the built scripts. */
  scripts: { piPolicy: string; retainHeader: string; configJs: string };
  standins: Record<NodeName, AseStandin>;
  /** Akana service name of each node, as in config.js. */
  services: Record<NodeName, string>;
  /** The container's socket timeouts for the ASE APIs (Akana enforces the attempt timeout there). */
  attemptTimeoutMs: number;
}

function stopStep(url: string): Step {
  return {
    name: 'stop-primary',
    exchange: 'demo-control',
    scripts: [
      {
        name: 'demo-stop-primary.js',
        source: `var c = new java.net.URL(${JSON.stringify(url)}).openConnection(); var code = c.getResponseCode(); if (code != 204) throw new Error("stop switch answered " + code);`
      }
    ]
  };
}

function phase(step: StepResult, nodeOf: (service: string | null) => string, extraMicros = 0): PhaseOutcome {
  const answered = step.sends.filter((s: SendRecord) => s.status !== null);
  const last = answered[answered.length - 1];
  return {
    node: last ? nodeOf(last.service) : '',
    aseStatus: last?.status ?? 0,
    ms: (step.micros + extraMicros) / 1000,
    sendMs: step.sends.reduce((sum, s) => sum + s.micros, 0) / 1000,
    ...trailOf(step.logs.map((l) => l.text ?? ''))
  };
}

export async function runOnAkana(input: AkanaRunInput): Promise<HostRun> {
  const { scripts, standins, services } = input;
  const routes: Record<string, RouteConfig> = {};
  for (const node of ['primary', 'secondary'] as const) {
    routes[services[node]] = { baseUrl: standins[node].url, connectTimeoutMs: input.attemptTimeoutMs, readTimeoutMs: input.attemptTimeoutMs };
  }
  const nodeOf = (service: string | null) => (Object.keys(services) as NodeName[]).find((n) => services[n] === service) ?? String(service);
  const policy = [scripts.configJs, scripts.piPolicy];
  const control = await stopSwitch(standins.primary);
  try {
    const steps: Step[] = [];
    let n = 0;
    for (const item of input.traffic) {
      if (item.kind === 'stop-primary') {
        steps.push(stopStep(control.url));
        continue;
      }
      n++;
      const exchange = `call-${n}`;
      if (item.retainHeader) {
        steps.push({ name: `#${n} retain-header`, exchange, scripts: [scripts.retainHeader], message: presentRequest(item.call) });
      }
      const seen = item.retainHeader ? afterOAuth(item.call) : item.call;
      steps.push({ name: `#${n} request`, exchange, scripts: policy, parameterType: 0, message: presentRequest(seen) });
      // Scripted ahead of the run: the response phase is only meaningful for calls expected to pass;
      // the report fails the demo when a call's real decision differs from this expectation.
      if (!item.expect.blocked) {
        steps.push({
          name: `#${n} response`,
          exchange,
          scripts: policy,
          parameterType: 1,
          message: {
            headers: item.response.headers.map((h) => [h.name, h.value] as [string, string]),
            properties: { [DEFAULT_PROPERTY_NAMES.statusCode]: item.response.status }
          }
        });
      }
    }
    const doc = await runScenarioDocument([{ name: 'npm start demo', routes, steps }], { timeoutMs: 60000 });
    const results = doc.scenarios[0].steps;
    const byName = new Map(results.map((r) => [r.name, r]));
    for (const r of results) {
      if (r.exception) throw new Error(`step "${r.name}" threw in Rhino: ${r.exception.class}: ${r.exception.message ?? ''}`);
    }
    const outcomes: CallOutcome[] = [];
    n = 0;
    for (const item of input.traffic) {
      if (item.kind !== 'call') continue;
      n++;
      const request = byName.get(`#${n} request`) as StepResult;
      const retain = byName.get(`#${n} retain-header`);
      const response = byName.get(`#${n} response`);
      const blocked = request.success === false;
      outcomes.push({
        index: n,
        step: item,
        blocked,
        clientStatus: blocked ? Number(request.out?.statusCode ?? 0) : item.response.status,
        request: phase(request, nodeOf, retain?.micros ?? 0),
        response: response ? phase(response, nodeOf) : undefined
      });
    }
    const e = doc.engine;
    const retained = outcomes.filter((o) => o.step.retainHeader).map((o) => `#${o.index}`);
    return {
      engine: `Rhino ${e.rhino} on Java ${e.java} (fake Akana host, profile ${e.profile}, one JVM)`,
      outcomes,
      stopNote: 'primary ASE stopped (refuses connections) by a control step in the same JVM: node health carries over',
      latencyNote: `Rhino step wall time: fresh scope, config.js, pi_policy.js, ASE round trip${retained.length ? `; ${retained.join(', ')} adds retain-header's step` : ''}`
    };
  } finally {
    await control.close();
  }
}
