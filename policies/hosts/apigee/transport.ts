// The sideband transport over Apigee's httpClient: new Request(url, 'POST', headers, body), send, waitForComplete (ES5 engine: Rhino).
//
// httpClient.send returns an exchange at once; waitForComplete(ms) blocks until the answer or the
// time is up. Apigee documents neither what a timed-out wait does nor whether isSuccess() holds
// for a 4xx answer, so the outcome is read in an order that works either way: a status when the
// exchange has a response with one, else its error, else "no answer in time". TLS (truststore,
// client certificate) is the Javascript policy's <SSLInfo>, not the script's.

import type { AseNode } from '../../core/config-types';
import type { AttemptResult, SidebandMessage, SyncTransport } from '../../core/host';
import { Codes, describeError, type TransportFailureCode } from '../../core/errors';
import { text, wholeNumber } from './values';

/** How a failure's text maps to a code, tried in order (Java exception texts: "Connection refused", "Read timed out"). */
var FAILURE_TEXTS: Array<[RegExp, TransportFailureCode]> = [
  [/refused/i, Codes.REFUSED],
  [/timed?[ -]?out/i, Codes.TIMEOUT],
  [/ssl|tls|certificat|handshake|pkix/i, Codes.TLS],
  [/reset|broken pipe|closed|end of (file|stream)|eof/i, Codes.RESET]
];

export function failureOf(detail: string): AttemptResult {
  for (var i = 0; i < FAILURE_TEXTS.length; i++) {
    if (FAILURE_TEXTS[i][0].test(detail)) return { kind: 'failure', code: FAILURE_TEXTS[i][1], detail: detail };
  }
  return { kind: 'failure', code: Codes.TRANSPORT, detail: detail };
}

/** obj[name](), or null when the member is missing or throws. */
function invoke(obj: any, name: string): unknown {
  try {
    return obj && typeof obj[name] === 'function' ? obj[name]() : null;
  } catch (e) {
    return null;
  }
}

/** A Java or JS boolean answer (a host may hand back java.lang.Boolean). */
function isTrue(value: unknown): boolean {
  return value === true || text(value) === 'true';
}

function member(obj: any, name: string): unknown {
  try {
    return obj === null || obj === undefined ? undefined : obj[name];
  } catch (e) {
    return undefined;
  }
}

/** An answer's status: `response.status` as a number or string, or an object holding `.code`. */
export function statusOf(response: unknown): number {
  var status = member(response, 'status');
  var code = status !== null && typeof status === 'object' ? member(status, 'code') : undefined;
  return wholeNumber(code !== undefined && code !== null ? code : status);
}

function newRequest(RequestType: any, node: AseNode, message: SidebandMessage): unknown {
  var headers: { [name: string]: string } = {};
  for (var i = 0; i < message.headers.length; i++) headers[message.headers[i].name] = message.headers[i].value;
  return new RequestType(node.url + message.path, 'POST', headers, message.body);
}

/** The outcome of an exchange after its wait. */
export function exchangeOutcome(exchange: any, timeoutMs: number): AttemptResult {
  var status = statusOf(invoke(exchange, 'getResponse'));
  if (status >= 100 && status <= 599) return { kind: 'status', status: status };
  if (isTrue(invoke(exchange, 'isError'))) {
    return failureOf(text(invoke(exchange, 'getError')) || 'the exchange ended in error');
  }
  if (isTrue(invoke(exchange, 'isSuccess'))) return { kind: 'failure', code: Codes.TRANSPORT, detail: 'an answer without an HTTP status' };
  return { kind: 'failure', code: Codes.TIMEOUT, detail: 'no answer within ' + timeoutMs + ' ms' };
}

/** Sync mode: each attempt waits for its answer up to the machine's timeout. Never throws. */
export function httpClientTransport(client: any, RequestType: any): SyncTransport {
  var transport: SyncTransport = {
    send: function (node: AseNode, message: SidebandMessage, timeoutMs: number): AttemptResult {
      var exchange: any;
      try {
        exchange = client.send(newRequest(RequestType, node, message));
      } catch (e) {
        return failureOf(describeError(e));
      }
      try {
        exchange.waitForComplete(timeoutMs);
      } catch (e) {
        return failureOf('waitForComplete failed: ' + describeError(e));
      }
      return exchangeOutcome(exchange, timeoutMs);
    }
  };
  return transport;
}

/** Async mode: sends without waiting; a failure only when the send itself threw, else null. */
export function sendWithoutWaiting(client: any, RequestType: any, node: AseNode, message: SidebandMessage): AttemptResult | null {
  try {
    client.send(newRequest(RequestType, node, message));
    return null;
  } catch (e) {
    return failureOf(describeError(e));
  }
}
