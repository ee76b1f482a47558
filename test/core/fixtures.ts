// Test fixtures (Node): small builders for ApiCall and PolicyConfig with every field filled.
import type { ApiCall, ApiRequest, ApiResponse, CallIdentity, HeaderField } from '../../policies/core/api-call';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES, type PolicyConfig } from '../../policies/core/config-types';

/** What makeCall accepts: any part of the call, with request and identity merged field by field. */
export interface CallOverrides {
  correlationId?: string;
  request?: Partial<ApiRequest>;
  identity?: Partial<CallIdentity>;
  response?: ApiResponse;
}

/** A GET /shop/items from 203.0.113.7:51544 with a Host header, anonymous, no response yet. */
export function makeCall(overrides: CallOverrides = {}): ApiCall {
  const call: ApiCall = {
    correlationId: overrides.correlationId ?? '3f2b8c1e-6d4a-4e2f-9b1c-0a1b2c3d4e5f',
    request: {
      method: 'GET',
      url: '/shop/items?limit=10',
      httpVersion: '1.1',
      headers: [{ name: 'Host', value: 'api.example.com' }],
      peerAddress: '203.0.113.7',
      peerPort: 51544,
      fallbackHost: 'api.example.com',
      ...overrides.request
    },
    identity: { username: '', clientId: '', retainedAuthorization: '', ...overrides.identity }
  };
  if (overrides.response) call.response = overrides.response;
  return call;
}

/** A 200 OK backend response with one content-type header. */
export function makeResponse(overrides: Partial<ApiResponse> = {}): ApiResponse {
  return {
    status: 200,
    reason: 'OK',
    httpVersion: '1.1',
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    ...overrides
  };
}

/** Every PolicyConfig field: CONFIG_DEFAULTS, no token, one node, then the overrides. */
export function makeConfig(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  return {
    ...CONFIG_DEFAULTS,
    extraBlockStatuses: CONFIG_DEFAULTS.extraBlockStatuses.slice(),
    queryTokenParams: CONFIG_DEFAULTS.queryTokenParams.slice(),
    apiKeyHeaders: CONFIG_DEFAULTS.apiKeyHeaders.slice(),
    apiKeyParams: CONFIG_DEFAULTS.apiKeyParams.slice(),
    excludedHeaders: CONFIG_DEFAULTS.excludedHeaders.slice(),
    aseToken: '',
    nodes: [{ name: 'primary', url: 'http://127.0.0.1:1' }],
    propertyNames: { ...DEFAULT_PROPERTY_NAMES },
    ...overrides
  };
}

/** Header fields from [name, value] pairs, for compact tables. */
export function fields(...pairs: Array<[string, string]>): HeaderField[] {
  return pairs.map(([name, value]) => ({ name, value }));
}
