// Writes the JSON text of the /ase/request and /ase/response bodies straight from their fields, byte for byte what JSON.stringify of the object form gives (ES5 engine and Node).
//
// Why not JSON.stringify(buildRequestBody(...)): that makes one object per header, each with its own
// key (a new shape per header name for V8, a new hash table for Rhino), only for the serialiser to
// walk them once. Why not JSON.stringify per string either: in Rhino (opt 0) each call costs some
// 0.3 µs before it looks at a character, and a typical body has some forty strings. So the body's
// texts are checked once, together: when JSON.stringify of their concatenation adds nothing but its
// two quotes (no quote, backslash or control character to escape) and none is a surrogate (engines
// write a lone one differently, and a pair could be split across two texts), each text is written
// between quotes as it is, which is what JSON.stringify writes for it. Otherwise each string goes
// through JSON.stringify (escaping stays the engine's own), and texts the header list has not
// bounded yet (header-list.ts) are checked on the whole body: any surrogate, raw (Rhino; paired ones
// in V8) or escaped (V8 writes a lone one as \udxxx), and the list is bounded and the body written
// again. A header named "__proto__" needs no care here: it is text, not a property. The same bytes
// as the object form: test/core/ase-payload.property.test.ts.

import type { RequestFields, ResponseFields } from './ase-payload';
import { boundHeaderTexts, type HeaderList } from './header-list';
import { SURROGATE } from './header-fields';

/** Whether each of the texts concatenated in `raw` is written by JSON.stringify as itself between quotes (see the header comment). */
function plainTexts(raw: string): boolean {
  if (JSON.stringify(raw).length !== raw.length + 2) return false;
  return !SURROGATE.test(raw);
}

/** One JSON string: between quotes as it is when the body's texts are plain, else JSON.stringify's. */
function jsonText(text: string, plain: boolean): string {
  return plain ? '"' + text + '"' : JSON.stringify(text);
}

/** Whether `text`, written from a list not bounded yet, must be written again from the bounded list. */
function needsBounding(text: string, headers: HeaderList): boolean {
  if (headers.bounded || (text.indexOf('\\ud') < 0 && !SURROGATE.test(text))) return false;
  boundHeaderTexts(headers);
  return true;
}

/** `"headers":[{"name":"value"},...]` from the parallel lists (inline quoting: two strings per header). */
function headersJson(headers: HeaderList, plain: boolean): string {
  var names = headers.names;
  var values = headers.values;
  var text = '"headers":[';
  for (var i = 0; i < names.length; i++) {
    text += (i === 0 ? '{' : ',{') + (plain ? '"' + names[i] + '":"' + values[i] + '"' : JSON.stringify(names[i]) + ':' + JSON.stringify(values[i])) + '}';
  }
  return text + ']';
}

/** The /ase/request body text: the keys in the order of AseRequestBody, user_info only when it has an entry. */
export function requestBodyJson(fields: RequestFields): string {
  var headers = fields.headers;
  var plain = plainTexts(
    fields.sourceIp + fields.method + fields.url + fields.httpVersion + fields.username + fields.clientId + headers.names.join('') + headers.values.join('')
  );
  var text = '{"source_ip":' + jsonText(fields.sourceIp, plain) + ',"source_port":' + String(fields.sourcePort) +
    ',"method":' + jsonText(fields.method, plain) + ',"url":' + jsonText(fields.url, plain) +
    ',"http_version":' + jsonText(fields.httpVersion, plain) + ',' + headersJson(headers, plain);
  if (fields.username !== '' || fields.clientId !== '') {
    var user = fields.username !== '' ? '{"username":' + jsonText(fields.username, plain) + '}' : '';
    if (fields.clientId !== '') user += (user === '' ? '' : ',') + '{"client_id":' + jsonText(fields.clientId, plain) + '}';
    text += ',"user_info":[' + user + ']';
  }
  text += '}';
  return !plain && needsBounding(text, headers) ? requestBodyJson(fields) : text;
}

/** The /ase/response body text, in the order of AseResponseBody. */
export function responseBodyJson(fields: ResponseFields): string {
  var headers = fields.headers;
  var plain = plainTexts(fields.responseCode + fields.responseStatus + fields.httpVersion + headers.names.join('') + headers.values.join(''));
  var text = '{"response_code":' + jsonText(fields.responseCode, plain) + ',"response_status":' + jsonText(fields.responseStatus, plain) +
    ',"http_version":' + jsonText(fields.httpVersion, plain) + ',' + headersJson(headers, plain) + '}';
  return !plain && needsBounding(text, headers) ? responseBodyJson(fields) : text;
}
