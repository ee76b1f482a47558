// Turns an ApiCall into the sideband message for either phase: path, JSON body, headers (ES5 engine and Node).

import type { ApiCall, ApiResponse } from './api-call';
import type { PolicyConfig } from './config-types';
import type { SidebandHeaders, SidebandMessage } from './host';
import { requestFields, responseFields } from './ase-payload';
import { requestBodyJson, responseBodyJson } from './ase-json';

export var CORRELATION_HEADER = 'X-CorrelationID';
export var TOKEN_HEADER = 'ASE-Token';

export function sidebandHeaders(config: PolicyConfig, correlationId: string): SidebandHeaders[] {
  var headers: SidebandHeaders[] = [];
  if (config.aseToken) headers.push({ name: TOKEN_HEADER, value: config.aseToken });
  headers.push({ name: CORRELATION_HEADER, value: correlationId });
  headers.push({ name: 'Content-Type', value: 'application/json; charset=utf-8' });
  headers.push({ name: 'Connection', value: 'keep-alive' });
  return headers;
}

/**
 * The /ase/request message, or null when the request has no usable client address (the caller logs
 * CLIENT_IP_UNKNOWN and forwards the call: ASE answers 400 to any source_ip that is not a bare IP).
 */
export function requestMessage(call: ApiCall, config: PolicyConfig): SidebandMessage | null {
  var fields = requestFields(call, config);
  if (!fields) return null;
  return { path: '/ase/request', body: requestBodyJson(fields), headers: sidebandHeaders(config, call.correlationId) };
}

/** The /ase/response message, carrying the request's correlation id so ASE can pair the two. */
export function responseMessage(response: ApiResponse, correlationId: string, config: PolicyConfig): SidebandMessage {
  return { path: '/ase/response', body: responseBodyJson(responseFields(response, config)), headers: sidebandHeaders(config, correlationId) };
}
