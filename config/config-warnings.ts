// The warning rules: configurations that are valid but risky (no token, no failover, the example's placeholders, dangerously* switches), used by validate, build and package (Node only).
//
// A warning never fails a command unless the operator asks (`validate --strict`): each of these can
// be a deliberate choice (ASE without sideband authentication, a lab with one node), but each has
// shipped by mistake, and each is silent at run time until the calls go unchecked.
import type { ConfigProblem } from '../policies/core/config';
import type { PolicyConfig } from '../policies/core/config-types';
import { closestField } from '../policies/core/config-messages';

/** The service QNames of examples/akana-config.json: an all-zero UUID, which no registered API has. */
const PLACEHOLDER_SERVICE = /svc_0{8}-0{4}-0{4}-0{4}-0{10}\d{2}\b/;
/** RFC 2606 example domains: they never name a real ASE. */
const EXAMPLE_HOST = /^https?:\/\/(?:[^/:]+\.)?example\.(?:com|net|org)(?::\d+)?\/?$/i;

function warning(path: string, message: string): ConfigProblem {
  return { path, message: `${path} ${message}` };
}

/** Every `dangerously*` switch that is on, at any depth of a (validated or host) config object. */
function dangerousSwitches(value: unknown, path: string, out: ConfigProblem[]): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (/^dangerously/.test(key) && inner === true) out.push(warning(at, 'is on: it turns off a safety check; use it only for a test, never in production'));
    else dangerousSwitches(inner, at, out);
  }
}

/** The warnings for a validated configuration, with the JSON config's paths (akanaProblems renames them for config.js). */
export function configWarnings(config: PolicyConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (config.aseToken === '') {
    out.push(
      warning(
        'aseToken',
        "is empty: an ASE with sideband authentication on answers 401 to every call (ASE_STATUS_401), so nothing is checked; set the token from ASE's cli.sh create_sideband_token (leave it empty only when sideband authentication is off)"
      )
    );
  }
  if (config.nodes.length === 1) {
    out.push(warning('nodes', 'has one ASE node: no failover; while it is down every call goes on unchecked (or gets 503 with failClosed); add a secondary node'));
  }
  config.nodes.forEach((node, i) => {
    if (node.service !== undefined && PLACEHOLDER_SERVICE.test(node.service)) {
      out.push(warning(`nodes[${i}].service`, "is the example's placeholder (svc_00000000-...): put the service QName of the ASE API you registered in Policy Manager"));
    }
    if (node.url !== undefined && EXAMPLE_HOST.test(node.url)) {
      out.push(warning(`nodes[${i}].url`, "names an example.com/.net/.org host, which is never a real ASE: put your ASE node's data port address"));
    }
  });
  dangerousSwitches(config, '', out);
  return out;
}

/** config.js variables pi_policy.js never reads: most likely a misspelt name, whose value is then silently unused. */
export function unreadVariableWarnings(names: ReadonlyArray<string>, known: ReadonlyArray<string>): ConfigProblem[] {
  return names.map((name) => {
    const near = closestField(name, known);
    return warning(name, `is not read by pi_policy.js${near ? `: did you mean ${near}?` : ' (remove it, or move the setting into pi_options)'}`);
  });
}

/** "2 warnings" / "1 warning". */
export function warningCount(warnings: ReadonlyArray<ConfigProblem>): string {
  return `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
}
