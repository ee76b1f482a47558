// The sideband transport over Akana's msgrService: an in-out exchange to the API registered for an ASE node (ES5 engine).
//
// Scripts open no sockets in Akana: each ASE node is an API in Policy Manager (service, interface,
// request and response operations) and msgrService delivers to it. TLS, keep-alive and socket
// timeouts are that API's container settings, so `timeoutMs` cannot be enforced from here; failover
// across nodes and the skip-while-down rule are ours.

import type { AseNode } from '../../core/config-types';
import type { AttemptResult, SidebandMessage, SyncTransport } from '../../core/host';
import { Codes, describeError, type TransportFailureCode } from '../../core/errors';
import { callHost, jsInt, jsString } from './java-values';

/** Exchange.getStatus() value for ERROR. */
var EXCHANGE_ERROR = 2;

/** Classifies a delivery exception (GException wrapping a socket error) by its message. */
export function failureCode(detail: string): TransportFailureCode {
  var text = detail.toLowerCase();
  if (text.indexOf('refused') >= 0) return Codes.REFUSED;
  if (text.indexOf('timed out') >= 0 || text.indexOf('timeout') >= 0) return Codes.TIMEOUT;
  if (text.indexOf('reset') >= 0 || text.indexOf('end of file') >= 0 || text.indexOf('unexpected end') >= 0) return Codes.RESET;
  if (text.indexOf('ssl') >= 0 || text.indexOf('certificate') >= 0 || text.indexOf('handshake') >= 0) return Codes.TLS;
  return Codes.TRANSPORT;
}

/** ASE's status from a delivered exchange's message: its status property as a whole number, NaN when it holds none. */
function statusOf(message: unknown, statusProperty: string): number {
  return jsInt(callHost(message, 'getProperty', [statusProperty]));
}

/** The transport object: its send is one shared function over these fields, not a closure made per message. */
interface MsgrTransport extends SyncTransport {
  msgrService: any;
  statusProperty: string;
}

/**
 * In-out transport: sends and reads ASE's status back from the out message (or the fault message,
 * where the container reports non-2xx answers as faults).
 */
export function msgrTransport(msgrService: any, statusProperty: string): SyncTransport {
  var transport: MsgrTransport = { send: sendOverMsgr, failed: deliveryFailure, msgrService: msgrService, statusProperty: statusProperty };
  return transport;
}

/**
 * Builds the in-out exchange for the node and phase, sends it and reads ASE's status from the out
 * message. Throws where the Messenger does (a refused or timed-out delivery) and where a host object
 * does: the core's driver catches the throw and asks deliveryFailure. Host calls are made in place, in
 * one function: it runs for every sideband call, and in Rhino each JS call costs about as much as the
 * host call it wraps. Only an answer without a status goes on to the guarded reads (answerOf).
 */
function sendOverMsgr(this: MsgrTransport, node: AseNode, message: SidebandMessage): AttemptResult {
  var exchange = this.msgrService.createExchangeFactory().createInOut();
  // The validated config holds strings; the host's setters take them as they are.
  exchange.setServiceName(node.service);
  exchange.setInterfaceName(node.interface);
  exchange.setOperationName(message.path === '/ase/request' ? node.requestOperation : node.responseOperation);
  var body = exchange.createInMessage();
  body.setContentType('application/json; charset=utf-8');
  body.setStringContent(message.body);
  var headers = body.createTransportHeaders();
  var fields = message.headers;
  for (var i = 0; i < fields.length; i++) headers.add(fields[i].name, fields[i].value);
  body.setTransportHeaders(headers);
  this.msgrService.getMessenger().send(exchange);
  var out = exchange.getOutMessage();
  var status = out === null || out === undefined ? NaN : jsInt(out.getProperty(this.statusProperty));
  return status >= 100 && status <= 599 ? { kind: 'status', status: status } : answerOf(exchange, this.statusProperty);
}

/** What a throw out of sendOverMsgr means: the delivery's failure, classified by its message. */
function deliveryFailure(e: unknown): AttemptResult {
  var detail = describeError(e);
  return { kind: 'failure', code: failureCode(detail), detail: detail };
}

/** ASE's status from the delivered exchange, or the failure when it holds none. */
function answerOf(exchange: any, statusProperty: string): AttemptResult {
  var status = statusOf(callHost(exchange, 'getOutMessage'), statusProperty);
  if (!(status >= 100)) status = statusOf(callHost(exchange, 'getFaultMessage'), statusProperty);
  if (status >= 100 && status <= 599) return { kind: 'status', status: status };
  var exchangeStatus = jsInt(callHost(exchange, 'getStatus'));
  return {
    kind: 'failure',
    code: Codes.TRANSPORT,
    detail: exchangeStatus === EXCHANGE_ERROR ? 'exchange ended in error without a status' : 'no status in the answer (' + jsString(statusProperty) + ')'
  };
}
