// Loads the Apigee host's config on each run: pi-config.js's settings plus the secrets the KVM step put in private flow variables (ES5 engine: Rhino).
//
// pi-config.js (an IncludeURL of the Javascript policy, rendered by the build from the validated
// JSON config) defines `pi_config` (every PolicyConfig field except aseToken and hashSalt) and
// `pi_apigee` (where the identity is, which KVM holds which secret). The secrets never travel in the
// bundle: KeyValueMapOperations reads them from the encrypted KVM into private.* variables.

import type { PolicyConfig } from '../../core/config-types';
import { describeProblems, validateConfig, type ConfigProblem } from '../../core/config';
import { Codes, describeError } from '../../core/errors';
import type { IdentityVariables } from './read';
import { KVM_ENTRIES } from './variables';

/** What pi-config.js defines, as the entry read it (undefined when it defines nothing). */
export interface ApigeeSettings {
  config: unknown;
  apigee: unknown;
}

/** The secrets as the KVM step left them ('' when absent). */
export interface ApigeeSecrets {
  aseToken: string;
  hashSalt: string;
}

export type LoadedApigeeConfig = { ok: true; config: PolicyConfig; identity: IdentityVariables } | { ok: false; line: string };

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !(value instanceof Array);
}

function stringSetting(apigee: { [key: string]: unknown }, key: string, fallback: string, problems: ConfigProblem[]): string {
  var value = apigee[key];
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  problems.push({ path: 'pi_apigee.' + key, message: 'pi_apigee.' + key + ' must be a flow variable name (a string, "" for none)' });
  return fallback;
}

function invalid(line: string): LoadedApigeeConfig {
  return { ok: false, line: line + '; the shared flow forwards every call until it is fixed' };
}

/** Validates pi-config.js's settings with the KVM's secrets; the line names pi-config.js's fields and the KVM entries. */
export function loadApigeeConfig(settings: ApigeeSettings, secrets: ApigeeSecrets): LoadedApigeeConfig {
  try {
    if (!isPlainObject(settings.config)) {
      return invalid(Codes.CONFIG_INVALID + ': pi-config.js defines no pi_config object (is jsc://pi-config.js an IncludeURL of the Javascript policy?)');
    }
    var apigee = isPlainObject(settings.apigee) ? settings.apigee : {};
    var problems: ConfigProblem[] = [];
    var raw: { [key: string]: unknown } = {};
    for (var key in settings.config) {
      if (Object.prototype.hasOwnProperty.call(settings.config, key)) raw[key] = settings.config[key];
    }
    var kvm = stringSetting(apigee, 'kvm', 'the KVM', problems);
    if (raw.aseToken !== undefined || raw.hashSalt !== undefined) {
      problems.push({ path: 'pi_config', message: 'pi_config must not hold aseToken or hashSalt: secrets belong in the KVM ' + kvm + ' (entries ' + KVM_ENTRIES.aseToken + ', ' + KVM_ENTRIES.hashSalt + ')' });
    }
    var needs = isPlainObject(apigee.kvmEntries) ? apigee.kvmEntries : {};
    if (needs.aseToken === true && secrets.aseToken === '') {
      problems.push({ path: 'aseToken', message: 'the KVM entry ' + KVM_ENTRIES.aseToken + ' of ' + kvm + ' is missing or empty: write it (apigee-deploy does)' });
    }
    if (raw.hashSecrets === true && secrets.hashSalt === '') {
      problems.push({ path: 'hashSalt', message: 'hashSecrets is on but the KVM entry ' + KVM_ENTRIES.hashSalt + ' of ' + kvm + ' is missing or empty: write it (apigee-deploy does)' });
    }
    var identity: IdentityVariables = {
      usernameVariable: stringSetting(apigee, 'usernameVariable', '', problems),
      clientIdVariable: stringSetting(apigee, 'clientIdVariable', 'client_id', problems)
    };
    if (problems.length) return invalid(describeProblems(problems));
    raw.aseToken = secrets.aseToken;
    if (secrets.hashSalt !== '') raw.hashSalt = secrets.hashSalt;
    var checked = validateConfig(raw);
    if (!checked.ok) return invalid(describeProblems(checked.problems));
    var nodes = checked.config.nodes;
    for (var i = 0; i < nodes.length; i++) {
      if (!nodes[i].url) problems.push({ path: 'nodes[' + i + '].url', message: 'nodes[' + i + '].url is required on Apigee: the script calls ASE by URL (e.g. "https://ase.example.com:8443")' });
    }
    if (problems.length) return invalid(describeProblems(problems));
    return { ok: true, config: checked.config, identity: identity };
  } catch (e) {
    return invalid(Codes.CONFIG_INVALID + ': pi-config.js could not be read (' + describeError(e) + ')');
  }
}
