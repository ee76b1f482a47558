// A hand-written PingIntelligence sideband policy for Akana, the floor of the bench's policy CPU (ES5 engine: Rhino).
//
// What a competent engineer writes directly against Akana's script API, without a framework: it uses
// config.js's variables (ase_token, primary_ase_*, secondary_ase_*), reads the request's headers,
// properties and security subjects, POSTs the /ase/request metadata to the primary ASE API and to the
// secondary when the primary cannot be reached, blocks the call on 403 and lets it through on anything
// else (fail-open); on the response it POSTs /ase/response to the node that took the request. It never
// throws into the gateway. checkFloor (bench/rhino-bench.ts) stops the bench unless it sends the bundle's bytes for the typical call.

var PI_CORRELATION_ID = 'pi.ase.correlation.id';
var PI_NODE = 'pi.ase.node';
var PI_RETAINED_AUTHORIZATION = 'pi.ase.retained.authorization';
var PI_STATUS = 'http.status.code.property';
var PI_ENDUSER = 'urn:org:federatedgovernance:security:subject-category:enduser';
var PI_CONSUMER = 'urn:org:federatedgovernance:security:subject-category:consumer';
var PI_REASONS = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout'
};

function piNodes() {
  var nodes = [{ name: 'primary', service: primary_ase_service, iface: primary_ase_interface,
    request: primary_ase_request_operation, response: primary_ase_response_operation }];
  if (typeof secondary_ase_service !== 'undefined' && secondary_ase_service) {
    nodes.push({ name: 'secondary', service: secondary_ase_service, iface: secondary_ase_interface,
      request: secondary_ase_request_operation, response: secondary_ase_response_operation });
  }
  return nodes;
}

/** A property of the message, else of the exchange, as a string ('' when absent). */
function piProperty(message, exchange, name) {
  var value = message.getProperty(name);
  if (value == null) value = exchange.getProperty(name);
  return value == null ? '' : String(value);
}

/** The transport headers as ASE wants them: one object per header, its name lower-cased. */
function piHeaders(message) {
  var headers = [];
  var transport = message.getTransportHeaders();
  var items = transport == null ? [] : transport.getArray();
  for (var i = 0; i < items.length; i++) {
    var header = {};
    header[String(items[i].getName()).toLowerCase()] = String(items[i].getValue());
    headers.push(header);
  }
  return headers;
}

function piFind(headers, name) {
  for (var i = 0; i < headers.length; i++) {
    if (headers[i].hasOwnProperty(name)) return i;
  }
  return -1;
}

function piPrincipal(subjects, category) {
  var subject = subjects == null ? null : subjects.get(category);
  var principals = subject == null ? null : subject.getPrincipals();
  return principals != null && principals.length > 0 ? String(principals[0].getName()) : '';
}

function piRequestBody(message, exchange) {
  var headers = piHeaders(message);
  var requested = piProperty(message, exchange, 'http.requested.url');
  var at = piFind(headers, 'host');
  var host = at >= 0 ? headers.splice(at, 1)[0] : { host: requested.replace(/^[a-z]+:\/\/([^\/:]+).*$/i, '$1') };
  headers.unshift(host);
  var retained = exchange.getProperty(PI_RETAINED_AUTHORIZATION);
  if (retained != null && String(retained) !== '') {
    if (piFind(headers, 'authorization') < 0) headers.push({ authorization: String(retained) });
    exchange.getPropertyNames().remove(PI_RETAINED_AUTHORIZATION);
  }
  var xff = piFind(headers, 'x-forwarded-for');
  var ip = xff >= 0 ? headers[xff]['x-forwarded-for'].split(',')[0].trim() : '';
  if (ip === '') ip = piProperty(message, exchange, 'http.client.url').replace(/^[a-z]+:\/\/\[?([^\/\]]+?)\]?(:\d+)?\/.*$/i, '$1');
  var url = requested.replace(/^[a-z]+:\/\/[^\/]*/i, '') || '/';
  var query = piProperty(message, exchange, 'com.soa.message.TRANSPORT_QUERY');
  if (query !== '') url += '?' + query;
  var body = {
    source_ip: ip,
    source_port: 0,
    method: piProperty(message, exchange, 'http.method') || 'GET',
    url: url,
    http_version: piProperty(message, exchange, 'http.version') || '1.1',
    headers: headers
  };
  var subjects = message.getSecuritySubjects();
  var user = piPrincipal(subjects, PI_ENDUSER);
  var app = piPrincipal(subjects, PI_CONSUMER);
  if (user !== '' || app !== '') {
    body.user_info = [];
    if (user !== '') body.user_info.push({ username: user });
    if (app !== '') body.user_info.push({ client_id: app });
  }
  return JSON.stringify(body);
}

/** One in-out call to an ASE API; returns ASE's HTTP status, throws when the node cannot be reached. */
function piSend(node, operation, body, correlationId) {
  var call = msgrService.createExchangeFactory().createInOut();
  call.setServiceName(node.service);
  call.setInterfaceName(node.iface);
  call.setOperationName(operation);
  var request = call.createInMessage();
  request.setContentType('application/json; charset=utf-8');
  request.setStringContent(body);
  var headers = request.createTransportHeaders();
  if (ase_token) headers.add('ASE-Token', ase_token);
  headers.add('X-CorrelationID', correlationId);
  headers.add('Content-Type', 'application/json; charset=utf-8');
  headers.add('Connection', 'keep-alive');
  request.setTransportHeaders(headers);
  msgrService.getMessenger().send(call);
  var answer = call.getOutMessage() || call.getFaultMessage();
  var status = answer == null ? null : answer.getProperty(PI_STATUS);
  return status == null ? 0 : parseInt(String(status), 10);
}

/** Tries the nodes in order from `first`; returns { node, status } or null when none answered. */
function piSendWithFailover(first, phase, body, correlationId) {
  var nodes = piNodes();
  for (var k = 0; k < nodes.length; k++) {
    var node = nodes[(first + k) % nodes.length];
    try {
      return { node: (first + k) % nodes.length, status: piSend(node, node[phase], body, correlationId) };
    } catch (e) {
      systemLog.warn('PingIntelligence: ASE ' + node.name + ' unreachable (' + e + ') [X-CorrelationID ' + correlationId + ']');
    }
  }
  return null;
}

function piRequest(message, exchange) {
  var correlationId = String(java.util.UUID.randomUUID());
  exchange.setProperty(PI_CORRELATION_ID, correlationId);
  var sent = piSendWithFailover(0, 'request', piRequestBody(message, exchange), correlationId);
  if (sent == null) {
    systemLog.error('PingIntelligence: no ASE node answered; call forwarded [X-CorrelationID ' + correlationId + ']');
    return;
  }
  exchange.setProperty(PI_NODE, String(sent.node));
  if (sent.status === 403) {
    result.setSuccess(false);
    var out = exchange.getOutMessage() || exchange.createOutputMessage();
    out.setContentType('application/json');
    out.setStringContent(JSON.stringify({ error: 'forbidden', message: 'The request was blocked by API security policy.', correlation_id: correlationId }));
    out.setProperty(PI_STATUS, new java.lang.Integer(403));
  } else if (sent.status !== 200) {
    systemLog.warn('PingIntelligence: ASE answered ' + sent.status + '; call forwarded [X-CorrelationID ' + correlationId + ']');
  }
}

function piResponse(message, exchange, isFault) {
  var correlationId = exchange.getProperty(PI_CORRELATION_ID);
  if (correlationId == null) return;
  var status = parseInt(piProperty(message, exchange, PI_STATUS), 10);
  if (!(status >= 100 && status <= 599)) status = isFault ? 500 : 200;
  var body = JSON.stringify({
    response_code: String(status),
    response_status: PI_REASONS[status] || 'OK',
    http_version: piProperty(message, exchange, 'http.version') || '1.1',
    headers: piHeaders(message)
  });
  var node = exchange.getProperty(PI_NODE);
  piSendWithFailover(node == null ? 0 : parseInt(String(node), 10), 'response', body, String(correlationId));
}

try {
  var piPhase = messageContext.getParameterType();
  if (piPhase == 0) piRequest(messageContext.getMessage(), messageContext.getExchange());
  else piResponse(messageContext.getMessage(), messageContext.getExchange(), piPhase == 2);
} catch (e) {
  systemLog.error('PingIntelligence: policy failed (' + e + '); call forwarded');
}
