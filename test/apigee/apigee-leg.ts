// The Apigee leg of the shared scenarios: the built shared flow zip, one scenario per shared scenario with its own pi-config.js, KVM and stand-ins (Node, tests).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AseStandin } from '../../standin';
import type { ApiCall } from '../../policies/core/api-call';
import { validateConfig } from '../../policies/core/config';
import type { PolicyConfig } from '../../policies/core/config-types';
import { KVM_ENTRIES } from '../../policies/hosts/apigee';
import { buildApigeeSharedFlow, type ApigeeBuild } from '../../packaging/apigee/build-apigee';
import { apigeeOptions, type ApigeeOptions } from '../../packaging/apigee/apigee-options';
import { renderPiConfigJs } from '../../packaging/apigee/config-resource';
import type { ApigeeCall, ApigeeScenario } from '../../emulators/apigee';
import { makeCall } from '../core/fixtures';
import { startScenarioNodes } from '../scenarios/scenario-nodes';
import type { SidebandScenario } from '../scenarios/sideband-scenarios';

/** Where the leg's OAuth step leaves the end user (the shared flow reads it as configured). */
export const USERNAME_VARIABLE = 'accesstoken.username';
/** Behaviour tests bound each script at 4 times its timeLimit (see HostChoices.timeLimitScale). */
export const LEG_TIME_LIMIT_SCALE = 4;
export const LEG_OPTIONS: ApigeeOptions = apigeeOptions({ usernameVariable: USERNAME_VARIABLE });

/**
 * Builds the shared flow once; every scenario brings its own pi-config.js. The build's config
 * still decides the XML (the script's timeLimit follows callBudgetMs and asyncMode).
 */
export async function buildLegBundle(options: Partial<ApigeeOptions> = {}, config: Record<string, unknown> = {}): Promise<ApigeeBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-apigee-leg-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ aseToken: '', nodes: [{ name: 'primary', url: 'http://127.0.0.1:1' }], ...config }));
  return buildApigeeSharedFlow({ version: '0.0.0-test', outDir: dir, configFile, options: { ...LEG_OPTIONS, ...options } });
}

/** The validated config; throws with the problems (a scenario's own mistake). */
export function legConfig(raw: Record<string, unknown>): PolicyConfig {
  const checked = validateConfig(raw);
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('; '));
  return checked.config;
}

/** pi-config.js for a config, as the build renders it. */
export function piConfigFor(config: PolicyConfig, options: ApigeeOptions = LEG_OPTIONS): string {
  return renderPiConfigJs(config, options, '/* test */');
}

/** The KVM holding the config's secrets, as apigee-deploy writes it. */
export function kvmFor(config: PolicyConfig, options: ApigeeOptions = LEG_OPTIONS): Record<string, Record<string, string>> {
  const entries: Record<string, string> = {};
  if (config.aseToken) entries[KVM_ENTRIES.aseToken] = config.aseToken;
  if (config.hashSecrets) entries[KVM_ENTRIES.hashSalt] = config.hashSalt;
  return { [options.kvm]: entries };
}

/** An ApiCall as the proxy receives it: request line and headers, socket peer, OAuth variables, backend answer. */
export function presentCall(call: ApiCall, name = 'call'): ApigeeCall {
  const variables: Record<string, string> = {};
  if (call.identity.username) variables[USERNAME_VARIABLE] = call.identity.username;
  if (call.identity.clientId) variables.client_id = call.identity.clientId;
  return {
    name,
    // Without a backend answer in the scenario the call ends after the request flow (as the other legs do).
    hooks: call.response ? {} : { response: null },
    request: { verb: call.request.method, uri: call.request.url, version: call.request.httpVersion, headers: call.request.headers.map((h) => [h.name, h.value]) },
    client: { ip: call.request.peerAddress, port: call.request.peerPort },
    variables,
    response: call.response ? { status: call.response.status, reason: call.response.reason, headers: call.response.headers.map((h) => [h.name, h.value]) } : undefined
  };
}

export interface ApigeeLeg {
  scenario: ApigeeScenario;
  standins: Map<string, AseStandin>;
}

/** One shared scenario through the shared flow: request flow, backend answer, response flow. */
export async function apigeeLeg(shared: SidebandScenario, bundle: ApigeeBuild): Promise<ApigeeLeg> {
  const { urls, standins } = await startScenarioNodes(shared);
  const config = legConfig({
    aseToken: shared.ase.token ?? '',
    ...shared.config,
    nodes: shared.ase.nodes.map((n) => ({ name: n.name, url: urls.get(n.name) }))
  });
  const call = makeCall(shared.call);
  return {
    scenario: {
      name: shared.name,
      bundle: bundle.zip,
      resources: { 'pi-config.js': piConfigFor(config) },
      kvm: kvmFor(config),
      host: { timeLimitScale: LEG_TIME_LIMIT_SCALE },
      calls: [presentCall(call)]
    },
    standins
  };
}

export async function closeLegs(legs: Array<{ standins: Map<string, AseStandin> }>): Promise<void> {
  await Promise.all(legs.flatMap((leg) => [...leg.standins.values()].map((s) => s.close())));
}
