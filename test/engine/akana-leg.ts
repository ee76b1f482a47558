// The Akana leg of the shared scenarios: builds the real bundles, maps each scenario onto the Java fake and stand-ins (Node, tests).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles } from '../../packaging/build-bundles';
import { AKANA_ENTRIES } from '../../packaging/entries';
import type { AseStandin } from '../../standin';
import { startScenarioNodes } from '../scenarios/scenario-nodes';
import { akanaNode, configScript, pauseStep, presentRequest, serviceName } from '../../emulators/akana';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES } from '../../policies/core/config-types';
import { makeCall } from '../core/fixtures';
import type { SidebandScenario } from '../scenarios/sideband-scenarios';
import type { RouteConfig, Scenario, Step } from '../../emulators/akana';

// Moved to emulators/akana so the start demo can use them; re-exported for the engine tests.
export { akanaNode, configScript, CONSUMER, ENDUSER, pauseStep, presentRequest, serviceName } from '../../emulators/akana';

/** Builds pi_policy.js and retain-header-policy.js once into a temp folder; returns their paths. */
export async function buildAkanaBundles(): Promise<{ piPolicy: string; retainHeader: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-akana-bundles-'));
  const [piPolicy, retainHeader] = await buildBundles({ entries: AKANA_ENTRIES, outDir: dir, version: '0.0.0-test' });
  return { piPolicy: piPolicy.file, retainHeader: retainHeader.file };
}

export { refusedPort } from '../scenarios/scenario-nodes';

export interface AkanaLeg {
  scenario: Scenario;
  /** Stand-in per node name; absent for nodes that are down. */
  standins: Map<string, AseStandin>;
}

/**
 * One shared scenario as a harness scenario: stand-ins for live nodes, refused ports for down ones,
 * config.js from the scenario's config, a request step, then (after an allowed request) a response
 * step on the same exchange; async scenarios end with a pause so background sends finish in the JVM.
 */
export async function akanaLeg(shared: SidebandScenario, bundles: { piPolicy: string }, tag: string): Promise<AkanaLeg> {
  const { urls, standins } = await startScenarioNodes(shared);
  const routes: Record<string, RouteConfig> = {};
  const attemptTimeout = Number(shared.config?.attemptTimeoutMs ?? CONFIG_DEFAULTS.attemptTimeoutMs);
  for (const [name, baseUrl] of urls) {
    // Akana enforces the attempt timeout through the container's socket settings for the ASE API.
    routes[serviceName(name, tag)] = { baseUrl, connectTimeoutMs: attemptTimeout, readTimeoutMs: attemptTimeout };
  }
  const config = configScript({
    aseToken: shared.ase.token ?? '',
    ...shared.config,
    nodes: shared.ase.nodes.map((n) => akanaNode(n.name, tag))
  });
  const call = makeCall(shared.call);
  const scripts = [config, bundles.piPolicy];
  const steps: Step[] = [{ name: 'request', scripts, parameterType: 0, message: presentRequest(call) }];
  if (call.response && shared.expect.verdict === 'allow') {
    steps.push({
      name: 'response',
      scripts,
      parameterType: 1,
      message: {
        headers: call.response.headers.map((h) => [h.name, h.value] as [string, string]),
        properties: { [DEFAULT_PROPERTY_NAMES.statusCode]: call.response.status }
      }
    });
  }
  if (shared.config?.asyncMode) steps.push(pauseStep(800));
  return { scenario: { name: shared.name, routes, steps }, standins };
}

export async function closeAll(legs: AkanaLeg[]): Promise<void> {
  await Promise.all(legs.flatMap((leg) => [...leg.standins.values()].map((s) => s.close())));
}
