// Writes the JSON text of the /ase/request and /ase/response bodies straight from their fields, byte for byte what JSON.stringify of the object form gives (ES5 engine and Node).
//
// Why not JSON.stringify(buildRequestBody(...)): that makes one object per header, each with its own
// key (a new shape per header name for V8, a new hash table for Rhino), only for the serialiser to
// walk them once. Writing the text from the parallel name/value lists skips those objects: the body
// is the same bytes (test/core/ase-payload.property.test.ts holds it against JSON.stringify on generated calls).
// JSON.stringify still quotes every string, so escaping stays the engine's own. A header named
// "__proto__" needs no special care here: it is text, not a property.

import type { HeaderList, RequestFields, ResponseFields } from './ase-payload';

/** `"headers":[{"name":"value"},...]` from the parallel lists. */
function headersJson(headers: HeaderList): string {
  var names = headers.names;
  var values = headers.values;
  var text = '"headers":[';
  for (var i = 0; i < names.length; i++) {
    text += (i === 0 ? '{' : ',{') + JSON.stringify(names[i]) + ':' + JSON.stringify(values[i]) + '}';
  }
  return text + ']';
}

/** The /ase/request body text: the keys in the order of AseRequestBody, user_info only when it has an entry. */
export function requestBodyJson(fields: RequestFields): string {
  var text = '{"source_ip":' + JSON.stringify(fields.sourceIp) + ',"source_port":' + JSON.stringify(fields.sourcePort) +
    ',"method":' + JSON.stringify(fields.method) + ',"url":' + JSON.stringify(fields.url) +
    ',"http_version":' + JSON.stringify(fields.httpVersion) + ',' + headersJson(fields.headers);
  if (fields.username === '' && fields.clientId === '') return text + '}';
  var user = fields.username !== '' ? '{"username":' + JSON.stringify(fields.username) + '}' : '';
  if (fields.clientId !== '') user += (user === '' ? '' : ',') + '{"client_id":' + JSON.stringify(fields.clientId) + '}';
  return text + ',"user_info":[' + user + ']}';
}

/** The /ase/response body text, in the order of AseResponseBody. */
export function responseBodyJson(fields: ResponseFields): string {
  return '{"response_code":' + JSON.stringify(fields.responseCode) + ',"response_status":' + JSON.stringify(fields.responseStatus) +
    ',"http_version":' + JSON.stringify(fields.httpVersion) + ',' + headersJson(fields.headers) + '}';
}
