// The Akana adapter's host reads in Rhino (policies/hosts/akana/read.ts): the direct read, and the guarded one when a direct call throws, give the same call (Node, vitest).
import { beforeAll, describe, expect, it } from 'vitest';
import { rhinoAvailable } from '../../emulators/akana';
import { runModuleInRhino } from './rhino-module';

const engine = rhinoAvailable();

/**
 * Host objects in the shapes Akana hands out: a Java Header[] (direct), a collection of headers
 * (no numeric length, as Rhino 1.7R4 shows a java.util.List: the direct read throws and the guarded one converts it), subjects
 * that know one category only, a message without getSecuritySubjects.
 */
const CASES = `
var names = { requestedUrl: 'http.requested.url', query: 'q', method: 'http.method', httpVersion: 'http.version', requestLine: 'http.request.line', clientUrl: 'http.client.url', statusCode: 'http.status.code.property' };
var config = { propertyNames: names, usernameSubjectCategory: 'enduser', clientIdSubjectCategory: 'consumer' };
function header(name, value) { return { getName: function () { return new java.lang.String(name); }, getValue: function () { return value; } }; }
function props(map) { return function (name) { return map.hasOwnProperty(name) ? map[name] : null; }; }
var javaArray = java.lang.reflect.Array.newInstance(java.lang.Object, 2);
javaArray[0] = header('Host', 'shop.example.com'); javaArray[1] = header('Accept', new java.lang.String('*/*'));
// A collection as Rhino 1.7R4 shows a java.util.List: no length, a toArray.
var javaList = { toArray: function () { return javaArray; } };
function principals(name) { var a = java.lang.reflect.Array.newInstance(java.lang.Object, 1); a[0] = { getName: function () { return new java.lang.String(name); } }; return a; }
function message(headers, extra) {
  var m = {
    getProperty: props({ 'http.requested.url': 'https://shop.example.com/orders?x=1', 'http.method': new java.lang.String('GET'), 'http.version': '1.1' }),
    getTransportHeaders: function () { return { getArray: function () { return headers; } }; },
    getSecuritySubjects: function () { return { get: function (c) { return c === 'enduser' ? { getPrincipals: function () { return principals('alice'); } } : null; } }; }
  };
  for (var k in extra) m[k] = extra[k];
  return m;
}
var exchange = { getProperty: props({ 'http.client.url': 'http://203.0.113.7:5000/' }) };
var out = {
  direct: JSON.stringify([AkanaRead.readRequest(message(javaArray, {}), exchange, config), AkanaRead.readIdentity(message(javaArray, {}), config, '')]),
  guarded: JSON.stringify([AkanaRead.readRequest(message(javaList, {}), exchange, config), AkanaRead.readIdentity(message(javaList, { getSecuritySubjects: undefined }), config, '')]),
  noSubjects: JSON.stringify(AkanaRead.readIdentity(message(javaArray, { getSecuritySubjects: undefined }), config, 'r')),
  response: JSON.stringify([AkanaRead.readResponse(message(javaList, {}), { getProperty: props({ 'http.status.code.property': new java.lang.Integer(404) }) }, config, false)])
};
print(JSON.stringify(out));
`;

describe.skipIf(!engine.ok)(`Akana host reads in Rhino (${engine.reason})`, () => {
  let results: Record<string, string> = {};

  beforeAll(async () => {
    results = (await runModuleInRhino('policies/hosts/akana/read.ts', 'AkanaRead', CASES)) as Record<string, string>;
  }, 120000);

  it('reads the request, its headers and identity with direct host calls', () => {
    const [request, identity] = JSON.parse(results.direct);
    expect(request).toEqual({
      method: 'GET', url: '/orders?x=1', httpVersion: '1.1', peerAddress: 'http://203.0.113.7:5000/', peerPort: 0, fallbackHost: 'shop.example.com',
      headers: [{ name: 'Host', value: 'shop.example.com' }, { name: 'Accept', value: '*/*' }]
    });
    expect(identity).toEqual({ username: 'alice', clientId: '', retainedAuthorization: '' });
  });

  it('answers the same through the guarded calls when a direct call throws (a header list, no getSecuritySubjects)', () => {
    const [request, identity] = JSON.parse(results.guarded);
    expect(request).toEqual(JSON.parse(results.direct)[0]);
    expect(identity).toEqual({ username: '', clientId: '', retainedAuthorization: '' });
    expect(JSON.parse(results.noSubjects)).toEqual({ username: '', clientId: '', retainedAuthorization: 'r' });
  });

  it('reads the response status from the exchange and its headers from a list', () => {
    expect(JSON.parse(results.response)).toEqual([{ status: 404, reason: '', httpVersion: '1.1', headers: [{ name: 'Host', value: 'shop.example.com' }, { name: 'Accept', value: '*/*' }] }]);
  });
});
