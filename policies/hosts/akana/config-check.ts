// Validates config.js's variables with config.js's own names, and words the marker that lets later messages skip it (ES5 engine: Rhino; a lazy kit of the bundle).
//
// pi_policy.js comes here only when config-load.ts holds no marker for the config.js values at hand:
// once per JVM and config, not per message.

import { validateConfig, describeProblems } from '../../core/config';
import { configFields, type FieldSpec } from '../../core/config-fields';
import { Codes, describeError } from '../../core/errors';
import { akanaProblems, akanaRawConfig, configJsSecret, optionsAsIs, topLevelVariable, type AkanaConfigGlobals } from './config-js';
import type { LoadedConfig } from './config-load';

/** Validates config.js's variables; the error line names config.js's own names. */
export function checkAkanaConfig(globals: AkanaConfigGlobals): LoadedConfig {
  try {
    var raw = akanaRawConfig(globals);
    var checked = validateConfig(raw);
    if (checked.ok) return { ok: true, config: checked.config };
    return { ok: false, line: describeProblems(akanaProblems(checked.problems, raw)) + '; the policy forwards every call until config.js is fixed' };
  } catch (e) {
    return { ok: false, line: Codes.CONFIG_INVALID + ': config.js could not be read (' + describeError(e) + '); calls are forwarded' };
  }
}

function holdsSecret(fields: ReadonlyArray<FieldSpec>): boolean {
  for (var i = 0; i < fields.length; i++) {
    if (fields[i].secret || (fields[i].fields !== undefined && holdsSecret(fields[i].fields as ReadonlyArray<FieldSpec>))) return true;
  }
  return false;
}

/**
 * The marker text of a validation (read back by config-load.ts), never holding a secret: "line:" and
 * the CONFIG_INVALID line (which shows no secret value); or "config:" and, as JSON, the validated
 * fields that differ from pi_options as config.js wrote them (a rendered config.js spells out every
 * option, so mostly the nodes), and the config.js variable each secret field is put back from. ''
 * when no marker can be kept: a secret the validator changed or one below the top level, or a
 * pi_options key the config does not hold.
 */
export function configMarker(loaded: LoadedConfig, globals: AkanaConfigGlobals): string {
  if (!loaded.ok) return 'line:' + loaded.line;
  var config = loaded.config as unknown as { [field: string]: unknown };
  var asIs = optionsAsIs(globals);
  for (var key in asIs) {
    if (!Object.prototype.hasOwnProperty.call(config, key)) return '';
  }
  var differ: { [field: string]: unknown } = {};
  var secrets: string[][] = [];
  var fields = configFields();
  for (var i = 0; i < fields.length; i++) {
    var spec = fields[i];
    if (spec.fields !== undefined && holdsSecret(spec.fields)) return '';
    if (spec.secret) {
      var variable = topLevelVariable(spec);
      if (configJsSecret(globals, variable) !== config[spec.name]) return '';
      secrets.push([spec.name, variable]);
    } else if (Object.prototype.hasOwnProperty.call(config, spec.name) && !sameValue(config[spec.name], asIs[spec.name])) {
      differ[spec.name] = config[spec.name];
    }
  }
  return 'config:' + JSON.stringify({ differ: differ, secrets: secrets });
}

/** Deep equality of plain values (what a validated config holds); type tags keep arrays, objects and host objects apart. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  var kind = Object.prototype.toString.call(a);
  if (kind !== Object.prototype.toString.call(b) || (kind !== '[object Array]' && kind !== '[object Object]')) return false;
  var aKeys = Object.keys(a as object);
  if (aKeys.length !== Object.keys(b as object).length) return false;
  for (var i = 0; i < aKeys.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(b, aKeys[i])) return false;
    if (!sameValue((a as { [k: string]: unknown })[aKeys[i]], (b as { [k: string]: unknown })[aKeys[i]])) return false;
  }
  return true;
}
