// Maps the variables of Akana's config.js (Ping's names plus pi_options) onto the core config (ES5 engine).

import type { ConfigProblem } from '../../core/config';

/** The config.js variables as the entry read them (undefined when config.js does not define one). */
export interface AkanaConfigGlobals {
  ase_token?: unknown;
  primary_ase_service?: unknown;
  primary_ase_interface?: unknown;
  primary_ase_request_operation?: unknown;
  primary_ase_response_operation?: unknown;
  secondary_ase_service?: unknown;
  /** Ping's own config.js spells it this way; accepted as an alias. */
  secondry_ase_service?: unknown;
  secondary_ase_interface?: unknown;
  secondary_ase_request_operation?: unknown;
  secondary_ase_response_operation?: unknown;
  /** Everything this project adds: any PolicyConfig field except aseToken and nodes, plus extraNodes. */
  pi_options?: unknown;
}

var NODE_FIELDS = ['service', 'interface', 'requestOperation', 'responseOperation'];
var PING_SUFFIXES = ['ase_service', 'ase_interface', 'ase_request_operation', 'ase_response_operation'];

function defined(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value === '');
}

function pingNode(name: string, values: unknown[]): { [key: string]: unknown } | null {
  var any = false;
  var node: { [key: string]: unknown } = { name: name };
  for (var i = 0; i < NODE_FIELDS.length; i++) {
    if (defined(values[i])) {
      any = true;
      // Java strings from a host-provided config become JS strings here.
      node[NODE_FIELDS[i]] = typeof values[i] === 'object' ? String(values[i]) : values[i];
    }
  }
  return any ? node : null;
}

/** The raw (unvalidated) core config assembled from config.js's variables. */
export function akanaRawConfig(g: AkanaConfigGlobals): { [key: string]: unknown } {
  var raw: { [key: string]: unknown } = {};
  var options = g.pi_options;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) {
      raw.pi_options = options; // unknown field: the validator names it and says what is expected
    } else {
      for (var key in options as object) {
        // $schema: an editor's link to the JSON Schema, allowed in the JSON config and here, ignored.
        if (Object.prototype.hasOwnProperty.call(options, key) && key !== 'extraNodes' && key !== '$schema') raw[key] = (options as { [k: string]: unknown })[key];
      }
    }
  }
  raw.aseToken = g.ase_token === undefined || g.ase_token === null ? '' : typeof g.ase_token === 'object' ? String(g.ase_token) : g.ase_token;
  var nodes: unknown[] = [];
  var primary = pingNode('primary', [g.primary_ase_service, g.primary_ase_interface, g.primary_ase_request_operation, g.primary_ase_response_operation]);
  // An empty primary still occupies nodes[0], so the validator's message names primary_ase_*.
  nodes.push(primary || { name: 'primary' });
  var secondaryService = defined(g.secondary_ase_service) ? g.secondary_ase_service : g.secondry_ase_service;
  var secondary = pingNode('secondary', [secondaryService, g.secondary_ase_interface, g.secondary_ase_request_operation, g.secondary_ase_response_operation]);
  if (secondary) nodes.push(secondary);
  var extra = options && typeof options === 'object' ? (options as { extraNodes?: unknown }).extraNodes : undefined;
  // Array.isArray, not instanceof: config.js may be evaluated in another realm (scope) than the policy.
  if (Array.isArray(extra)) {
    for (var i = 0; i < extra.length; i++) nodes.push(extra[i]);
  } else if (extra !== undefined) {
    nodes.push(extra); // not an array: the validator reports the odd node
  }
  raw.nodes = nodes;
  return raw;
}

/** The name an operator sees in config.js for a validator path ("nodes[0].service" -> "primary_ase_service"). */
export function akanaFieldName(path: string, hasSecondary: boolean): string {
  if (path === 'aseToken') return 'ase_token';
  var match = /^nodes\[(\d+)\](?:\.(\w+))?(.*)$/.exec(path);
  if (match) {
    var index = parseInt(match[1], 10);
    var field = match[2] || '';
    var ping = index === 0 ? 'primary_' : index === 1 && hasSecondary ? 'secondary_' : '';
    for (var i = 0; i < NODE_FIELDS.length; i++) {
      if (ping && NODE_FIELDS[i] === field) return ping + PING_SUFFIXES[i];
    }
    var extraIndex = index - (hasSecondary ? 2 : 1);
    if (ping) return ping + 'ase_' + (field || 'service') + match[3];
    return 'pi_options.extraNodes[' + extraIndex + ']' + (field ? '.' + field : '') + match[3];
  }
  if (path === 'nodes') return 'primary_ase_service';
  return 'pi_options.' + path;
}

/** The validator's problems, renamed to config.js's variable names. */
export function akanaProblems(problems: ConfigProblem[], raw: { [key: string]: unknown }): ConfigProblem[] {
  var nodes = raw.nodes as unknown[];
  var hasSecondary = !!(nodes && nodes[1] && (nodes[1] as { name?: unknown }).name === 'secondary');
  var out: ConfigProblem[] = [];
  for (var i = 0; i < problems.length; i++) {
    var name = akanaFieldName(problems[i].path, hasSecondary);
    out.push({ path: name, message: problems[i].message.split(problems[i].path + ' ').join(name + ' ') });
  }
  return out;
}
