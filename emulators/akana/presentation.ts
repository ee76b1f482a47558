// How a call is presented to the Akana bundles in the fake host: node names, config.js, request message (Node: tests and the start demo).
import { renderAkanaConfigJs } from '../../config/config-js-render';
import { validateConfigWithZod } from '../../config/config-schema';
import type { ApiCall } from '../../policies/core/api-call';
import type { AseNode } from '../../policies/core/config-types';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES } from '../../policies/core/config-types';
import type { PresentedMessage, ScriptRef, Step } from './scenario-protocol';

export const ENDUSER = CONFIG_DEFAULTS.usernameSubjectCategory;
export const CONSUMER = CONFIG_DEFAULTS.clientIdSubjectCategory;

/** `tag` keeps scenarios apart: node health lives in JVM system properties keyed by service. */
export function serviceName(node: string, tag: string): string {
  return `{pi-as-ase-${node}_0.0.0}svc_${node}.${tag}`;
}

export function akanaNode(name: string, tag: string): AseNode {
  return {
    name,
    service: serviceName(name, tag),
    interface: `{pi-as-ase-${name}_0.0.0}pi-as-ase-${name}_PortType_0`,
    requestOperation: 'postRequestMetadata',
    responseOperation: 'postResponseMetadata'
  };
}

/** config.js as an inline script, rendered from raw config fields exactly as `build --config` would. */
export function configScript(raw: Record<string, unknown>): ScriptRef {
  const checked = validateConfigWithZod(raw);
  if (!checked.ok) throw new Error(`scenario config invalid: ${JSON.stringify(checked.problems)}`);
  return { name: 'config.js', source: renderAkanaConfigJs(checked.config, '/* config.js (test) */') };
}

/** The request as Akana presents it: transport headers plus the http.* and TRANSPORT_QUERY properties. */
export function presentRequest(call: ApiCall): PresentedMessage {
  const { request, identity } = call;
  const [path, query] = request.url.split('?', 2) as [string, string | undefined];
  const peer = request.peerAddress.indexOf(':') >= 0 && request.peerAddress.indexOf('.') < 0 ? `[${request.peerAddress}]` : request.peerAddress;
  const properties: Record<string, string> = {
    [DEFAULT_PROPERTY_NAMES.method]: request.method,
    [DEFAULT_PROPERTY_NAMES.requestedUrl]: `https://${request.fallbackHost}${path}`,
    [DEFAULT_PROPERTY_NAMES.httpVersion]: request.httpVersion,
    [DEFAULT_PROPERTY_NAMES.clientUrl]: `http://${peer}:${request.peerPort}/`
  };
  if (query !== undefined) properties[DEFAULT_PROPERTY_NAMES.query] = query;
  const subjects: Record<string, string> = {};
  if (identity.username) subjects[ENDUSER] = identity.username;
  if (identity.clientId) subjects[CONSUMER] = identity.clientId;
  return {
    headers: request.headers.map((h) => [h.name, h.value] as [string, string]),
    properties,
    securitySubjects: Object.keys(subjects).length ? subjects : undefined
  };
}

/** A step that only waits, so background (async-mode) sends complete before the next scenario. */
export function pauseStep(ms: number): Step {
  return {
    name: 'pause',
    exchange: 'pause',
    scripts: [{ name: 'pause.js', source: `java.lang.Thread.sleep(${ms});` }]
  };
}
