// The configuration rules that span values, shared by the ES5 validator and the zod schema (ES5 engine and Node).
//
// Each check takes raw (possibly invalid) values and skips what a field's own rule already reports,
// so both validators can call it whatever else is wrong.

import type { FieldSpec } from './config-fields';
import { akanaNodeFields, configFields, fieldNamed } from './config-fields';
import { exampleOf, ruleMessage } from './config-messages';
import { isPlainObject } from './config-values';

/** Reports one problem at a path relative to the value being checked. */
export type ProblemSink = (relativePath: Array<string | number>, message: string) => void;

/** Rules across the nodes list: its length, each node's address, unique names. */
export function checkNodeList(nodes: unknown[], report: ProblemSink): void {
  var spec = fieldNamed(configFields(), 'nodes') as FieldSpec;
  if (nodes.length < (spec.min as number) || nodes.length > (spec.max as number)) {
    report([], ruleMessage(spec, 'nodes', nodes));
  }
  var akana = akanaNodeFields();
  var firstIndexByName: { [name: string]: number } = {};
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    if (!isPlainObject(node)) continue;
    checkNodeAddress(node, i, akana, report);
    var name = node.name;
    if (typeof name !== 'string') continue;
    var key = '#' + name;
    if (firstIndexByName.hasOwnProperty(key)) {
      report([i, 'name'], 'nodes[' + i + "].name '" + name + "' is already used by nodes[" + firstIndexByName[key] +
        ']; give every node its own name, e.g. ' + "'" + name + '-' + (i + 1) + "'");
    } else {
      firstIndexByName[key] = i;
    }
  }
}

/**
 * A node needs an address: a url, or all four Akana fields, or both. Some but not all Akana fields is
 * a problem on each missing one even with a url: the Akana host could not use the node, and a
 * half-filled set is a mistake, not a choice.
 */
function checkNodeAddress(node: { [key: string]: unknown }, index: number, akana: FieldSpec[], report: ProblemSink): void {
  var firstAkana: string | null = null;
  for (var i = 0; i < akana.length; i++) {
    if (node[akana[i].name] !== undefined) {
      firstAkana = akana[i].name;
      break;
    }
  }
  var path = 'nodes[' + index + ']';
  if (firstAkana === null) {
    if (node.url === undefined) {
      report([index], path + ' has no address: set url (e.g. ' + "'https://ase.example.com:8443'" +
        ') or the four Akana fields service, interface, requestOperation and responseOperation');
    }
    return;
  }
  for (var k = 0; k < akana.length; k++) {
    var field = akana[k].name;
    if (node[field] !== undefined) continue;
    report([index, field], path + '.' + field + ' is required because ' + path + '.' + firstAkana +
      ' is set: an Akana node needs all of service, interface, requestOperation and responseOperation; e.g. ' + exampleOf(akana[k]));
  }
}

/** Each status listed once. */
export function checkStatusList(statuses: unknown[], report: ProblemSink): void {
  for (var i = 0; i < statuses.length; i++) {
    if (typeof statuses[i] !== 'number') continue;
    for (var j = 0; j < i; j++) {
      if (statuses[j] === statuses[i]) {
        report([i], 'extraBlockStatuses[' + i + '] repeats ' + String(statuses[i]) + ' (already extraBlockStatuses[' + j +
          ']); list each status once, e.g. [401, 503]');
        break;
      }
    }
  }
}

/**
 * A salt long enough to keep hashes unguessable, when hashing is on: with a short or empty salt, anyone
 * who can read what ASE stores can hash candidate tokens or API keys (short keys are enumerable) and
 * match them. A missing salt counts as ''.
 */
export function checkHashSalt(hashSecrets: unknown, hashSalt: unknown, report: ProblemSink): void {
  var salt = hashSalt === undefined ? '' : hashSalt;
  if (hashSecrets !== true || typeof salt !== 'string') return;
  var minLength = (fieldNamed(configFields(), 'hashSalt') as FieldSpec).hashingMinLength as number;
  if (salt.length >= minLength) return;
  report(['hashSalt'], 'hashSalt must hold at least ' + minLength + ' characters when hashSecrets is true (got ' +
    (salt === '' ? 'none' : salt.length + ' characters') + '): with a short salt, anyone who reads what ASE stores can hash ' +
    'guessed tokens and API keys and match them; set a random secret, e.g. a 32-character random string, the same on every gateway ' +
    '(or set hashSecrets to false)');
}

/** The headers ASE identifies calls and clients by, each with why it matters to ASE (the configured API-key headers last). */
function identifierHeaders(apiKeyHeaders: unknown): { names: string[]; reasons: string[] } {
  var names = ['host', 'authorization', 'cookie', 'x-forwarded-for'];
  var reasons = [
    'ASE matches the call to its API definition by it (without it ASE answers 503 Unknown Hostname)',
    'ASE tracks and blocks clients by the OAuth token in it',
    'ASE tracks and blocks clients by the session cookie in it',
    "ASE reads the client IPs from it (Ping's guides: keep X-Forwarded-For enabled)"
  ];
  var keys = apiKeyHeaders === undefined ? (fieldNamed(configFields(), 'apiKeyHeaders') as FieldSpec).defaultValue : apiKeyHeaders;
  for (var i = 0; Array.isArray(keys) && i < keys.length; i++) {
    if (typeof keys[i] !== 'string' || names.indexOf(keys[i].toLowerCase()) >= 0) continue;
    names.push(keys[i].toLowerCase());
    reasons.push('it carries an API key (apiKeyHeaders), which ASE tracks and blocks clients by');
  }
  return { names: names, reasons: reasons };
}

/**
 * Headers never sent to ASE may not include an identifier header unless the operator says so: without
 * them ASE cannot match the API or see who calls it, and a slip in the list would blind it silently.
 */
export function checkExcludedHeaders(excluded: unknown, apiKeyHeaders: unknown, allowIdentifiers: unknown, report: ProblemSink): void {
  if (allowIdentifiers === true || !Array.isArray(excluded) || excluded.length === 0) return;
  var identifiers = identifierHeaders(apiKeyHeaders);
  for (var i = 0; i < excluded.length; i++) {
    var name = typeof excluded[i] === 'string' ? (excluded[i] as string).toLowerCase() : '';
    var at = name === '' ? -1 : identifiers.names.indexOf(name);
    if (at < 0) continue;
    report(['excludedHeaders', i], 'excludedHeaders[' + i + "] '" + name + "' is an identifier header: " + identifiers.reasons[at] +
      "; remove it from excludedHeaders (e.g. excludedHeaders: ['x-internal-secret']), or set allowExcludingIdentifierHeaders to true to exclude it knowingly");
  }
}

/** The rules between top-level fields, on the raw object (the ES5 validator) or zod's parse of it. */
export function checkAcrossFields(config: { [key: string]: unknown }, report: ProblemSink): void {
  checkHashSalt(config.hashSecrets, config.hashSalt, report);
  checkExcludedHeaders(config.excludedHeaders, config.apiKeyHeaders, config.allowExcludingIdentifierHeaders, report);
}
