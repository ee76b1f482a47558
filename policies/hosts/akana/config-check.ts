// Validates config.js's variables with config.js's own names, and words the marker that lets later messages skip it (ES5 engine: Rhino; a lazy kit of the bundle).
//
// pi_policy.js comes here only when config-load.ts holds no marker for the config.js values at hand:
// once per JVM and config, not per message.

import { validateConfig, describeProblems } from '../../core/config';
import { configFields, type FieldSpec } from '../../core/config-fields';
import { Codes, describeError } from '../../core/errors';
import { akanaProblems, akanaRawConfig, configJsSecret, topLevelVariable, type AkanaConfigGlobals } from './config-js';
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
 * the CONFIG_INVALID line (which shows no secret value); or "config:" and the validated config as JSON
 * with every secret field blanked, next to the config.js variable each is put back from. '' when no
 * marker can be kept: a secret the validator changed, or one below the top level.
 */
export function configMarker(loaded: LoadedConfig, globals: AkanaConfigGlobals): string {
  if (!loaded.ok) return 'line:' + loaded.line;
  var config = loaded.config as unknown as { [field: string]: unknown };
  var kept = JSON.parse(JSON.stringify(config)) as { [field: string]: unknown };
  var secrets: string[][] = [];
  var fields = configFields();
  for (var i = 0; i < fields.length; i++) {
    var spec = fields[i];
    if (spec.fields !== undefined && holdsSecret(spec.fields)) return '';
    if (!spec.secret) continue;
    var variable = topLevelVariable(spec);
    if (configJsSecret(globals, variable) !== config[spec.name]) return '';
    kept[spec.name] = '';
    secrets.push([spec.name, variable]);
  }
  return 'config:' + JSON.stringify({ config: kept, secrets: secrets });
}
