// The one model of an API call that flows through every host and the payload builder (ES5 engine and Node).

/** One header value as the gateway saw it. A repeated header is several entries. */
export interface HeaderField {
  name: string;
  value: string;
}

/** The client request, as plain values (adapters convert every host object before building this). */
export interface ApiRequest {
  /** HTTP verb as received; the payload builder upper-cases it. */
  method: string;
  /** Path including the query string, exactly as received (e.g. "/shop/items?limit=10"). */
  url: string;
  /** "1.0", "1.1", "2"; "HTTP/1.1" and "2.0" are accepted and normalised by the payload builder. */
  httpVersion: string;
  headers: HeaderField[];
  /** Socket peer address as the host reports it: may carry a port, brackets, or be garbage. */
  peerAddress: string;
  /** Socket peer port when the host knows it, else 0. */
  peerPort: number;
  /** The API's host name as the gateway knows it, used when the request has no Host header. */
  fallbackHost: string;
}

/** The backend response, as plain values. */
export interface ApiResponse {
  status: number;
  /** Reason phrase when the host knows it; the payload builder supplies a standard one otherwise. */
  reason: string;
  httpVersion: string;
  headers: HeaderField[];
}

/** Who the gateway authenticated, and the Authorization value kept before the OAuth step removed it. */
export interface CallIdentity {
  username: string;
  clientId: string;
  retainedAuthorization: string;
}

/** One API transaction: request, identity, correlation id and (after the backend answered) response. */
export interface ApiCall {
  correlationId: string;
  request: ApiRequest;
  identity: CallIdentity;
  response?: ApiResponse;
}

export function emptyIdentity(): CallIdentity {
  return { username: '', clientId: '', retainedAuthorization: '' };
}
