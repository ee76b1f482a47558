// Writes the JSON text of the /ase/request and /ase/response bodies straight from their fields, byte for byte what JSON.stringify of the object form gives (ES5 engine and Node).
//
// Why not JSON.stringify(buildRequestBody(...)): that makes one object per header, each with its own
// key (a new shape per header name for V8, a new hash table for Rhino), only for the serialiser to
// walk them once. Here each string is quoted by JSON.stringify (escaping stays the engine's own) and
// the pieces are put together with the body's keys. Measured in Rhino (opt 0): 28 JSON.stringify
// calls on strings take half the time of one JSON.stringify of an array holding them.
// Texts the header list has not bounded yet (header-list.ts) are checked once on the whole body:
// any surrogate, raw (Rhino; paired ones in V8) or escaped (V8 writes a lone one as \udxxx), and the
// list is bounded and the body written again. A header named "__proto__" needs no care here: it is
// text, not a property. The same bytes as the object form: test/core/ase-payload.property.test.ts.

import type { RequestFields, ResponseFields } from './ase-payload';
import { boundHeaderTexts, type HeaderList } from './header-list';

var SURROGATE = /[\uD800-\uDFFF]/;

/** Whether `text`, written from a list not bounded yet, must be written again from the bounded list. */
function needsBounding(text: string, headers: HeaderList): boolean {
  if (headers.bounded || (text.indexOf('\\ud') < 0 && !SURROGATE.test(text))) return false;
  boundHeaderTexts(headers);
  return true;
}

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
  var text = '{"source_ip":' + JSON.stringify(fields.sourceIp) + ',"source_port":' + String(fields.sourcePort) +
    ',"method":' + JSON.stringify(fields.method) + ',"url":' + JSON.stringify(fields.url) +
    ',"http_version":' + JSON.stringify(fields.httpVersion) + ',' + headersJson(fields.headers);
  if (fields.username !== '' || fields.clientId !== '') {
    var user = fields.username !== '' ? '{"username":' + JSON.stringify(fields.username) + '}' : '';
    if (fields.clientId !== '') user += (user === '' ? '' : ',') + '{"client_id":' + JSON.stringify(fields.clientId) + '}';
    text += ',"user_info":[' + user + ']';
  }
  text += '}';
  return needsBounding(text, fields.headers) ? requestBodyJson(fields) : text;
}

/** The /ase/response body text, in the order of AseResponseBody. */
export function responseBodyJson(fields: ResponseFields): string {
  var text = '{"response_code":' + JSON.stringify(fields.responseCode) + ',"response_status":' + JSON.stringify(fields.responseStatus) +
    ',"http_version":' + JSON.stringify(fields.httpVersion) + ',' + headersJson(fields.headers) + '}';
  return needsBounding(text, fields.headers) ? responseBodyJson(fields) : text;
}
