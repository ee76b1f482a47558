// config.js's variables into the validated config on every message, validating once per JVM and config behind a marker without secrets (ES5 engine: Rhino).
//
// Akana runs config.js and pi_policy.js from their top level for every message, so no script
// variable outlives a message, and validating config.js each time cost more than the whole
// hand-written policy (issue 11). A validation's result is kept in a JVM system property instead,
// named by an MD5 fingerprint of config.js's values: any change to any value names another property,
// so a new config is validated (and a bad one reported) before it is used. The property holds the
// validated config without its secrets, which are put back from config.js on each message, or the
// CONFIG_INVALID line (config-check.ts words it). Where java.lang.System or Rhino's uneval is out of
// reach (Node, a strict class shutter) every message is validated, as before.
//
// The fingerprint alone cost a response message a fifth of its CPU, so the request phase leaves what
// the marker gave on the exchange (CARRIED_CONFIG: pi_options as config.js made it, the validated
// values that differ, and which variable each secret comes from, never a secret's value), and the
// response phase of that exchange builds its config from it, the secrets read from config.js again.
// An exchange so finishes with the config its request began with, even when config.js changed in
// between. Not carried when pi_options itself holds a secret (hashSalt): the exchange's properties
// may be dumped by an operator's debug script.

import type { PolicyConfig } from '../../core/config-types';
import { configJsSecret, type AkanaConfigGlobals } from './config-js';
import { checkAkanaConfig, configMarker } from './config-check';
import { callHost } from './java-values';
import { CARRIED_CONFIG } from './exchange-keys';

declare var java: any;
declare var uneval: ((value: unknown) => string) | undefined;

export type LoadedConfig = { ok: true; config: PolicyConfig } | { ok: false; line: string };

var MARKER_PREFIX = 'pi.ase.config.';

/** What a marker's "config:" JSON holds (config-check.ts writes it): the validated fields that differ from pi_options, and each secret field's variable. */
interface KeptConfig {
  differ: { [field: string]: unknown };
  secrets: string[][];
}

/** What the request phase leaves on the exchange for its response phase: no secret's value. */
interface CarriedConfig extends KeptConfig {
  options: unknown;
}

/**
 * The validated config for config.js's variables, or the CONFIG_INVALID line; never throws. Given
 * the message's exchange and parameter type (0 request, 1 response, 2 fault), a response phase takes
 * the config its request phase carried on the exchange, and a request phase carries the one it loaded.
 */
export function loadAkanaConfig(globals: AkanaConfigGlobals, exchange?: unknown, phase?: number): LoadedConfig {
  var key = '';
  var known: LoadedConfig | null = null;
  // Catch-free (java-values.ts says why): nothing returns inside the try, and a throw leaves known null.
  try {
    var carried = (phase === 1 || phase === 2) && exchange ? fromCarried(callHost(exchange, 'getProperty', [CARRIED_CONFIG]), globals) : null;
    if (carried) {
      known = carried;
    } else {
      key = markerKey(globals);
      var kept = key === '' ? null : readMarker(java.lang.System.getProperty(key));
      if (kept && kept.ok === false) known = kept;
      else if (kept) {
        if (phase === 0) carry(exchange, kept as KeptConfig, globals);
        known = configFrom((globals as { [name: string]: unknown }).pi_options, kept as KeptConfig, globals);
      }
    }
  } finally {
    // This config's first message in the JVM, or no marker to be had (no java.lang, no uneval, a
    // marker that does not parse, an odd carried value): validate, and keep a marker under the key
    // when there is one (a marker that did not parse is written again).
    if (known === null) {
      var loaded = checkAkanaConfig(globals);
      if (key !== '') keepMarker(key, configMarker(loaded, globals));
      return loaded;
    }
  }
  return known;
}

function keepMarker(key: string, marker: string): void {
  try {
    if (marker !== '') java.lang.System.setProperty(key, marker);
  } finally {
    // Not kept (a throw, dropped here): the next message validates again.
    return;
  }
}

/**
 * The property named for these values, '' when there is none to be had. All of config.js's variables
 * are written by one uneval (Rhino's own, in Java), which keeps every JS value apart where JSON would
 * merge some (NaN and null, undefined and a function and a missing key); a Ping variable that is a
 * host object (a Java string, which uneval writes as its bare text) gives no marker: validated on
 * every message. MD5 in Java (java.util.UUID's name-based form): a hash loop over a kilobyte of text
 * in the script would cost more than the validation it saves.
 */
function markerKey(globals: AkanaConfigGlobals): string {
  if (typeof uneval !== 'function') return '';
  var g = globals as { [name: string]: unknown };
  var values: unknown[] = [];
  for (var name in g) {
    var value = g[name];
    if (name !== 'pi_options' && value !== null && (typeof value === 'object' || typeof value === 'function')) return '';
    values.push(value);
  }
  var bytes = new java.lang.String(uneval(values)).getBytes('UTF-8');
  return MARKER_PREFIX + String(java.util.UUID.nameUUIDFromBytes(bytes));
}

/** What a marker stands for: the problem line, or the kept config; null when there is none. */
function readMarker(marker: unknown): { ok: false; line: string } | (KeptConfig & { ok?: undefined }) | null {
  if (marker === null || marker === undefined) return null;
  var text = String(marker);
  if (text.lastIndexOf('line:', 0) === 0) return { ok: false, line: text.substring(5) };
  if (text.lastIndexOf('config:', 0) !== 0) return null;
  return JSON.parse(text.substring(7)) as KeptConfig;
}

/**
 * The config over pi_options as config.js made it (it stands behind the config: config.js makes it
 * anew for each message), with the validated values that differ and the secrets put back from config.js.
 */
function configFrom(options: unknown, kept: KeptConfig, globals: AkanaConfigGlobals): LoadedConfig {
  var config = Object.create(options !== null && typeof options === 'object' && !Array.isArray(options) ? (options as object) : Object.prototype) as { [field: string]: unknown };
  for (var field in kept.differ) config[field] = kept.differ[field];
  for (var i = 0; i < kept.secrets.length; i++) config[kept.secrets[i][0]] = configJsSecret(globals, kept.secrets[i][1]);
  return { ok: true, config: config as unknown as PolicyConfig };
}

/** Leaves the kept config on the exchange for the response phase, unless a secret lives in pi_options and is set. */
function carry(exchange: unknown, kept: KeptConfig, globals: AkanaConfigGlobals): void {
  for (var i = 0; i < kept.secrets.length; i++) {
    if (kept.secrets[i][1].lastIndexOf('pi_options.', 0) === 0 && configJsSecret(globals, kept.secrets[i][1]) !== '') return;
  }
  var carried: CarriedConfig = { options: (globals as { [name: string]: unknown }).pi_options, differ: kept.differ, secrets: kept.secrets };
  callHost(exchange, 'setProperty', [CARRIED_CONFIG, carried]);
}

/** The config the request phase carried, its secrets read from this message's config.js; null when the exchange holds none. */
function fromCarried(value: unknown, globals: AkanaConfigGlobals): LoadedConfig | null {
  var carried = value as CarriedConfig | null;
  // Only what carry() leaves: a script object with the three fields (a Java value has none of them).
  if (!carried || typeof carried !== 'object' || !carried.differ || Object.prototype.toString.call(carried.secrets) !== '[object Array]') return null;
  return configFrom(carried.options, carried, globals);
}

