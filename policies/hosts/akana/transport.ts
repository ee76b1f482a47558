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

function statusOf(message: unknown, statusProperty: string): number {
  return jsInt(callHost(message, 'getProperty', [statusProperty]));
}

/** Builds the exchange for one node and phase; throws on host errors (the caller classifies them). */
function buildExchange(msgrService: any, node: AseNode, message: SidebandMessage, inOut: boolean): any {
  var factory = msgrService.createExchangeFactory();
  var exchange = inOut ? factory.createInOut() : factory.createInOnly();
  exchange.setServiceName(String(node.service));
  exchange.setInterfaceName(String(node.interface));
  exchange.setOperationName(String(message.path === '/ase/request' ? node.requestOperation : node.responseOperation));
  var body = exchange.createInMessage();
  body.setContentType('application/json; charset=utf-8');
  body.setStringContent(message.body);
  var headers = body.createTransportHeaders();
  for (var i = 0; i < message.headers.length; i++) headers.add(message.headers[i].name, message.headers[i].value);
  body.setTransportHeaders(headers);
  return exchange;
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

/** Throws where the Messenger does (a refused or timed-out delivery): the core's driver catches it and asks deliveryFailure. */
function sendOverMsgr(this: MsgrTransport, node: AseNode, message: SidebandMessage): AttemptResult {
  var exchange = buildExchange(this.msgrService, node, message, true);
  this.msgrService.getMessenger().send(exchange);
  return answerOf(exchange, this.statusProperty);
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
