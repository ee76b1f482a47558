// The diagnostic dump: every message and exchange property with its value, secrets masked (ES5 engine).
//
// Akana documents its property names as constants but barely shows them in use; one call with
// `diagnostics: true` tells an operator which names carry the method, URL, client and status.

import type { PolicyConfig } from '../../core/config-types';
import type { PolicyLogger } from '../../core/host';
import { callHost, jsArray, jsString } from './java-values';
import { readHeaders } from './read';

var SECRET_NAME = /auth|token|secret|passw|cookie|key|credential|session|signature/i;
var MAX_VALUE = 300;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks values of secret-looking names, and secret query parameters inside any value (URLs, request lines). */
export function maskValue(name: string, value: string, config: PolicyConfig): string {
  if (SECRET_NAME.test(name)) return value ? '***' : '';
  var params = config.queryTokenParams.concat(config.apiKeyParams);
  for (var i = 0; i < params.length; i++) {
    value = value.replace(new RegExp('([?&;]' + escapeRegExp(params[i]) + '=)[^&#\\s]*', 'g'), '$1***');
  }
  return value.length > MAX_VALUE ? value.substring(0, MAX_VALUE) + '...' : value;
}

function describeProperties(owner: unknown, config: PolicyConfig): string {
  var names = jsArray(callHost(owner, 'getPropertyNames'));
  var parts: string[] = [];
  for (var i = 0; i < names.length; i++) {
    var name = jsString(names[i]);
    parts.push(name + '=' + maskValue(name, jsString(callHost(owner, 'getProperty', [name])), config));
  }
  return parts.join(', ');
}

export function logDiagnostics(log: PolicyLogger, phase: number, message: unknown, exchange: unknown, config: PolicyConfig): void {
  var headers = readHeaders(message);
  var headerParts: string[] = [];
  for (var i = 0; i < headers.length; i++) headerParts.push(headers[i].name + '=' + maskValue(headers[i].name, headers[i].value, config));
  log.warn(
    'PI_DIAGNOSTICS phase=' + phase +
      ' | message properties: ' + describeProperties(message, config) +
      ' | exchange properties: ' + describeProperties(exchange, config) +
      ' | transport headers: ' + headerParts.join(', ')
  );
}
