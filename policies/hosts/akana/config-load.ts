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

import type { PolicyConfig } from '../../core/config-types';
import { configJsSecret, type AkanaConfigGlobals } from './config-js';
import { checkAkanaConfig, configMarker } from './config-check';

declare var java: any;
declare var uneval: ((value: unknown) => string) | undefined;

export type LoadedConfig = { ok: true; config: PolicyConfig } | { ok: false; line: string };

var MARKER_PREFIX = 'pi.ase.config.';

/** The validated config for config.js's variables, or the CONFIG_INVALID line; never throws. */
export function loadAkanaConfig(globals: AkanaConfigGlobals): LoadedConfig {
  var key = '';
  try {
    key = markerKey(globals);
    var known = key === '' ? null : fromMarker(java.lang.System.getProperty(key), globals);
    if (known) return known;
  } catch (e) {
    // No marker to be had (no java.lang, no uneval, a marker that does not parse): validate.
    key = '';
  }
  var loaded = checkAkanaConfig(globals);
  if (key !== '') keepMarker(key, configMarker(loaded, globals));
  return loaded;
}

function keepMarker(key: string, marker: string): void {
  try {
    if (marker !== '') java.lang.System.setProperty(key, marker);
  } catch (e) {
    // Not kept: the next message validates again.
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

/** The config (or the problem line) a marker stands for, its secrets put back from config.js; null when there is none. */
function fromMarker(marker: unknown, globals: AkanaConfigGlobals): LoadedConfig | null {
  if (marker === null || marker === undefined) return null;
  var text = String(marker);
  if (text.lastIndexOf('line:', 0) === 0) return { ok: false, line: text.substring(5) };
  if (text.lastIndexOf('config:', 0) !== 0) return null;
  var kept = JSON.parse(text.substring(7)) as { differ: { [field: string]: unknown }; secrets: string[][] };
  // pi_options itself stands behind the config (config.js makes it anew for each message); the
  // validated values that differ from it are the config's own.
  var options = (globals as { [name: string]: unknown }).pi_options;
  var config = Object.create(options !== null && typeof options === 'object' && !Array.isArray(options) ? (options as object) : Object.prototype) as { [field: string]: unknown };
  for (var field in kept.differ) config[field] = kept.differ[field];
  for (var i = 0; i < kept.secrets.length; i++) config[kept.secrets[i][0]] = configJsSecret(globals, kept.secrets[i][1]);
  return { ok: true, config: config as unknown as PolicyConfig };
}

