// The diagnostic dump: every message and exchange property with its value, secrets masked (ES5 engine).
//
// Akana documents its property names as constants but barely shows them in use; one call with
// `diagnostics: true` tells an operator which names carry the method, URL, client and status.

import type { PolicyConfig } from '../../core/config-types';
import type { PolicyLogger } from '../../core/host';
import { configFields } from '../../core/config-fields';
import { callHost, jsArray, jsString } from './java-values';
import { readHeaders } from './read';

var SECRET_NAME = /auth|token|secret|passw|cookie|key|credential|session|signature/i;
var MAX_VALUE = 300;
var MASK = '***';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The configured secrets (table fields marked secret: aseToken, hashSalt). */
function configuredSecrets(config: PolicyConfig): string[] {
  var secrets: string[] = [];
  var fields = configFields();
  var values = config as unknown as { [name: string]: unknown };
  for (var i = 0; i < fields.length; i++) {
    var value = values[fields[i].name];
    if (fields[i].secret && typeof value === 'string' && value !== '') secrets.push(value);
  }
  return secrets;
}

/** What to mask wherever it appears: each secret raw and URL-encoded, longest first (a secret inside another is masked whole). */
function maskList(secrets: string[]): string[] {
  var list: string[] = [];
  for (var i = 0; i < secrets.length; i++) {
    if (secrets[i] === '') continue;
    list.push(secrets[i]);
    var encoded = encodeURIComponent(secrets[i]);
    if (encoded !== secrets[i]) list.push(encoded);
  }
  return list.sort(function (a, b) { return b.length - a.length; });
}

function isSecretName(name: string, config: PolicyConfig): boolean {
  return SECRET_NAME.test(name) || config.apiKeyHeaders.indexOf(name.toLowerCase()) >= 0;
}

/**
 * Masks a diagnostic value. A secret-looking name, or a header named in apiKeyHeaders, hides the
 * whole value. Any other value, URL-shaped or not (TRANSPORT_QUERY holds "access_token=...&..."
 * without a '?'), has every queryTokenParams and apiKeyParams parameter masked (names ignoring
 * case, wherever a parameter can start), then every configured secret (and every extra secret
 * given, such as this call's Authorization value) masked wherever it appears. Masking comes
 * before the length cut, so a cut never leaves half a secret.
 */
export function maskValue(name: string, value: string, config: PolicyConfig, extraSecrets?: string[]): string {
  if (isSecretName(name, config)) return value ? MASK : '';
  var params = config.queryTokenParams.concat(config.apiKeyParams);
  for (var i = 0; i < params.length; i++) {
    value = value.replace(new RegExp('(^|[?&;\\s])(' + escapeRegExp(params[i]) + '=)[^&#;\\s]*', 'gi'), '$1$2' + MASK);
  }
  var secrets = maskList(configuredSecrets(config).concat(extraSecrets || []));
  for (var k = 0; k < secrets.length; k++) value = value.split(secrets[k]).join(MASK);
  return value.length > MAX_VALUE ? value.substring(0, MAX_VALUE) + '...' : value;
}

function describeProperties(owner: unknown, config: PolicyConfig, seen: string[]): string {
  var names = jsArray(callHost(owner, 'getPropertyNames'));
  var parts: string[] = [];
  for (var i = 0; i < names.length; i++) {
    var name = jsString(names[i]);
    parts.push(name + '=' + maskValue(name, jsString(callHost(owner, 'getProperty', [name])), config, seen));
  }
  return parts.join(', ');
}

/** Runs only with diagnostics on (a test call): never on the hot path of a production policy. */
export function logDiagnostics(log: PolicyLogger, phase: number, message: unknown, exchange: unknown, config: PolicyConfig): void {
  var headers = readHeaders(message);
  // This call's secret header values (Authorization, cookies, API keys), and the credential after
  // "Bearer " or "Basic ", are masked wherever else they show up, e.g. in a property copy.
  var seen: string[] = [];
  for (var h = 0; h < headers.length; h++) {
    if (!isSecretName(headers[h].name, config) || headers[h].value.length < 4) continue;
    seen.push(headers[h].value);
    var scheme = /^\s*\w+\s+(\S{4,})\s*$/.exec(headers[h].value);
    if (scheme) seen.push(scheme[1]);
    // A cookie header's values one by one: a property may hold one cookie without the others.
    var pairs = /cookie/i.test(headers[h].name) ? headers[h].value.split(/[;,]/) : [];
    for (var p = 0; p < pairs.length; p++) {
      var cookie = pairs[p].substring(pairs[p].indexOf('=') + 1).replace(/^\s+|\s+$/g, '');
      if (cookie.length >= 4) seen.push(cookie);
    }
  }
  var headerParts: string[] = [];
  for (var i = 0; i < headers.length; i++) headerParts.push(headers[i].name + '=' + maskValue(headers[i].name, headers[i].value, config, seen));
  log.warn(
    'PI_DIAGNOSTICS phase=' + phase +
      ' | message properties: ' + describeProperties(message, config, seen) +
      ' | exchange properties: ' + describeProperties(exchange, config, seen) +
      ' | transport headers: ' + headerParts.join(', ')
  );
}
