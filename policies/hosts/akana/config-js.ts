// Maps the variables of Akana's config.js (Ping's names plus pi_options) onto the core config, by the field table's Ping names (ES5 engine).

import type { ConfigProblem } from '../../core/config';
import type { ConfigFieldTable, FieldSpec } from '../../core/config-fields';
import {
  PING_EXTRA_NODES,
  PING_MISSPELT_SECONDARY_SERVICE,
  PING_NODE_PREFIXES,
  PING_OPTIONS,
  akanaNodeFields,
  configFields
} from '../../core/config-fields';

type TableEntry = ConfigFieldTable[number];
type TopLevelPing = Extract<TableEntry, { ping: string }>['ping'];
type NodePing = Extract<Extract<TableEntry, { kind: 'nodes' }>['fields'][number], { ping: string }>['ping'];

/** Every variable config.js may define: Ping's names from the table, its misspelt alias, and pi_options. */
export type AkanaConfigVariable =
  | TopLevelPing
  | `${(typeof PING_NODE_PREFIXES)[number]}_${NodePing}`
  | typeof PING_MISSPELT_SECONDARY_SERVICE
  | typeof PING_OPTIONS;

/** The config.js variables as the entry read them (undefined when config.js does not define one). */
export type AkanaConfigGlobals = { [K in AkanaConfigVariable]?: unknown };

/** What the entry reads: every variable, so a Ping name added to the table and not read is a compile error. */
export type AkanaConfigVariables = { [K in AkanaConfigVariable]: unknown };

/** The config.js variable of a top-level field: Ping's name, else pi_options.<name>. */
export function topLevelVariable(spec: FieldSpec): string {
  return spec.ping !== undefined ? spec.ping : PING_OPTIONS + '.' + spec.name;
}

/** The config.js names of one node field: <prefix>_<ping> for the first two nodes, then pi_options.extraNodes. */
export function nodeFieldVariables(field: FieldSpec): string[] {
  var names: string[] = [];
  for (var i = 0; field.ping !== undefined && i < PING_NODE_PREFIXES.length; i++) {
    var name = PING_NODE_PREFIXES[i] + '_' + field.ping;
    names.push(name);
  }
  names.push(PING_OPTIONS + '.' + PING_EXTRA_NODES + '[].' + field.name);
  return names;
}

/** Every variable a rendered config.js defines, in order. */
export function configJsVariables(): string[] {
  var names: string[] = [];
  var fields = configFields();
  for (var i = 0; i < fields.length; i++) {
    if (fields[i].ping !== undefined) names.push(fields[i].ping as string);
  }
  var akana = akanaNodeFields();
  for (var p = 0; p < PING_NODE_PREFIXES.length; p++) {
    for (var k = 0; k < akana.length; k++) names.push(PING_NODE_PREFIXES[p] + '_' + akana[k].ping);
  }
  names.push(PING_OPTIONS);
  return names;
}

/** The misspelt name Ping's own config.js uses for a variable, read when the right one is not set. */
export function pingAlias(variable: string): string | null {
  return variable === 'secondary_ase_service' ? PING_MISSPELT_SECONDARY_SERVICE : null;
}

/** Ping's config.js leaves a variable empty ('' or null) when it is not used. */
function defined(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A Ping variable's value; Java strings from a host-provided config become JS strings here. */
function pingValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? String(value) : value;
}

/** One of the first two nodes from its <prefix>_* variables, or null when none is set. */
function pingNode(prefix: string, g: { [name: string]: unknown }, akana: FieldSpec[]): { [key: string]: unknown } | null {
  var node: { [key: string]: unknown } | null = null;
  for (var i = 0; i < akana.length; i++) {
    var variable = prefix + '_' + akana[i].ping;
    var value = g[variable];
    if (!defined(value)) {
      var alias = pingAlias(variable);
      if (alias === null || !defined(g[alias])) continue;
      value = g[alias];
    }
    if (node === null) node = { name: prefix };
    node[akana[i].name] = typeof value === 'object' ? String(value) : value;
  }
  return node;
}

/** pi_options's own fields as config.js wrote them (a shallow copy without extraNodes and $schema); {} when it is not an object. */
export function optionsAsIs(globals: AkanaConfigGlobals): { [key: string]: unknown } {
  var options = (globals as { [name: string]: unknown })[PING_OPTIONS] as { [k: string]: unknown };
  var fields: { [key: string]: unknown } = {};
  if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options)) return fields;
  for (var key in options) {
    // $schema: an editor's link to the JSON Schema, allowed in the JSON config and here, ignored.
    if (Object.prototype.hasOwnProperty.call(options, key) && key !== PING_EXTRA_NODES && key !== '$schema') fields[key] = options[key];
  }
  return fields;
}

/** The raw (unvalidated) core config assembled from config.js's variables. */
export function akanaRawConfig(globals: AkanaConfigGlobals): { [key: string]: unknown } {
  var g = globals as { [name: string]: unknown };
  var options = g[PING_OPTIONS];
  var raw = optionsAsIs(globals);
  // Not an object: an unknown field, which the validator names, saying what is expected.
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) raw[PING_OPTIONS] = options;
  var fields = configFields();
  for (var f = 0; f < fields.length; f++) {
    var ping = fields[f].ping;
    if (ping === undefined) continue;
    raw[fields[f].name] = g[ping] === undefined || g[ping] === null ? '' : pingValue(g[ping]);
  }
  var akana = akanaNodeFields();
  var nodes: unknown[] = [];
  for (var p = 0; p < PING_NODE_PREFIXES.length; p++) {
    var node = pingNode(PING_NODE_PREFIXES[p], g, akana);
    // An empty primary still occupies nodes[0], so the validator's message names primary_ase_*.
    if (node !== null || p === 0) nodes.push(node || { name: PING_NODE_PREFIXES[p] });
  }
  var extra = options && typeof options === 'object' ? (options as { [k: string]: unknown })[PING_EXTRA_NODES] : undefined;
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
  var top = /^(\w+)/.exec(path);
  var fields = configFields();
  for (var f = 0; top && f < fields.length; f++) {
    if (fields[f].name === top[1] && fields[f].ping !== undefined) return fields[f].ping + path.substring(top[1].length);
  }
  var match = /^nodes\[(\d+)\](?:\.(\w+))?(.*)$/.exec(path);
  if (match) {
    var index = parseInt(match[1], 10);
    var field = match[2] || '';
    var prefix = index === 0 ? PING_NODE_PREFIXES[0] : index === 1 && hasSecondary ? PING_NODE_PREFIXES[1] : '';
    var akana = akanaNodeFields();
    for (var i = 0; i < akana.length; i++) {
      if (prefix && akana[i].name === field) return prefix + '_' + akana[i].ping;
    }
    var extraIndex = index - (hasSecondary ? 2 : 1);
    if (prefix) return prefix + '_ase_' + (field || 'service') + match[3];
    return PING_OPTIONS + '.' + PING_EXTRA_NODES + '[' + extraIndex + ']' + (field ? '.' + field : '') + match[3];
  }
  if (path === 'nodes') return PING_NODE_PREFIXES[0] + '_' + akanaNodeFields()[0].ping;
  return PING_OPTIONS + '.' + path;
}

/** The validator's problems, renamed to config.js's variable names. */
export function akanaProblems(problems: ConfigProblem[], raw: { [key: string]: unknown }): ConfigProblem[] {
  var nodes = raw.nodes as unknown[];
  var hasSecondary = !!(nodes && nodes[1] && (nodes[1] as { name?: unknown }).name === PING_NODE_PREFIXES[1]);
  var out: ConfigProblem[] = [];
  for (var i = 0; i < problems.length; i++) {
    var name = akanaFieldName(problems[i].path, hasSecondary);
    out.push({ path: name, message: problems[i].message.split(problems[i].path + ' ').join(name + ' ') });
  }
  return out;
}

/** A secret's value as config.js gives it ("ase_token", "pi_options.hashSalt"): '' when unset, as the validator's default. */
export function configJsSecret(globals: AkanaConfigGlobals, variable: string): string {
  var g = globals as { [name: string]: unknown };
  var dot = variable.indexOf('.');
  var holder = dot < 0 ? g : g[variable.substring(0, dot)];
  var value = holder !== null && typeof holder === 'object' ? (holder as { [k: string]: unknown })[dot < 0 ? variable : variable.substring(dot + 1)] : undefined;
  return value === undefined || value === null ? '' : String(value);
}
