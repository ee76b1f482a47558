// Reads one API call out of Apigee's flow variables into the core's plain model (ES5 engine: Rhino).
//
// Headers come per name from `<message>.header.<name>.values.string`: `<message>.header.<name>`
// alone gives only the first comma-separated value (Apigee splits header values on commas), so
// "X: a, b" and two X lines both reach ASE as one "a, b" value.

import type { ApiRequest, ApiResponse, CallIdentity, HeaderField } from '../../core/api-call';
import { nameList, variable, wholeNumber } from './values';

/** Flow variables holding who the gateway authenticated; '' reads nothing. */
export interface IdentityVariables {
  usernameVariable: string;
  clientIdVariable: string;
}

function rawVariable(context: any, name: string): unknown {
  try {
    return context.getVariable(name);
  } catch (e) {
    return null;
  }
}

/** The headers of 'request' or 'response' as the flow variables give them, one field per name. */
export function readHeaders(context: any, message: string): HeaderField[] {
  var names = nameList(rawVariable(context, message + '.headers.names'));
  var fields: HeaderField[] = [];
  for (var i = 0; i < names.length; i++) {
    var prefix = message + '.header.' + names[i];
    var value = variable(context, prefix + '.values.string');
    fields.push({ name: names[i], value: value !== '' ? value : variable(context, prefix) });
  }
  return fields;
}

/** The client request: verb, URI with query, version, headers, socket peer. */
export function readRequest(context: any): ApiRequest {
  var url = variable(context, 'request.uri') || variable(context, 'request.path') || '/';
  var query = variable(context, 'request.querystring');
  if (query && url.indexOf('?') < 0) url += '?' + query;
  var port = wholeNumber(variable(context, 'client.port'));
  return {
    method: variable(context, 'request.verb') || 'GET',
    url: url,
    httpVersion: variable(context, 'request.version') || '1.1',
    headers: readHeaders(context, 'request'),
    peerAddress: variable(context, 'client.ip'),
    peerPort: port >= 1 && port <= 65535 ? port : 0,
    // A request without Host is answered 400 by Apigee before any flow runs: nothing to fall back on.
    fallbackHost: ''
  };
}

/** The response as the flow has it (the target's in the target flow, the client's in the proxy flow). */
export function readResponse(context: any): ApiResponse {
  var status = wholeNumber(variable(context, 'response.status.code'));
  return {
    // Outside 100..599 the payload builder sends 502: a response flow without a status is a gateway failure.
    status: status >= 100 && status <= 599 ? status : 0,
    reason: variable(context, 'response.reason.phrase'),
    httpVersion: variable(context, 'response.version') || variable(context, 'request.version') || '1.1',
    headers: readHeaders(context, 'response')
  };
}

/** End user and client app from the configured OAuth flow variables (e.g. client_id after VerifyAccessToken). */
export function readIdentity(context: any, names: IdentityVariables): CallIdentity {
  return {
    username: names.usernameVariable ? variable(context, names.usernameVariable) : '',
    clientId: names.clientIdVariable ? variable(context, names.clientIdVariable) : '',
    retainedAuthorization: ''
  };
}
