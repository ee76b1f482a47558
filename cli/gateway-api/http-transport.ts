// Gateway management-API clients (Akana, Apigee; Node only): undici requests over one keep-alive agent with an extra trusted CA and a per-request time limit; no answer becomes one operator sentence.
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { explainNetworkError } from './network-errors';

export interface TransportOptions {
  /** Origin requests go to, e.g. https://pm.example.com:9900: named in failures. */
  origin: string;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM), added to Node's built-in list. */
  ca?: string;
  /** What runs there, for failures: "Policy Manager", "Community Manager". */
  product: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request that got no HTTP answer, worded for the operator; `message` never holds credentials. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
}

export class HttpTransport {
  private readonly agent: Agent;

  constructor(private readonly options: TransportOptions) {
    this.agent = new Agent({
      connect: { timeout: options.timeoutMs, ...(options.ca !== undefined ? { ca: [...rootCertificates, options.ca] } : {}) }
    });
  }

  /** One exchange; resolves with any HTTP status, throws ApiRequestError when no answer came. */
  async send(method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<HttpAnswer> {
    try {
      // The signal bounds the whole exchange, body included; undici's own timers have ~1 s granularity.
      const response = await request(url, {
        method,
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs)
      });
      return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
    } catch (error) {
      throw new ApiRequestError(explainNetworkError(error, this.options.origin, this.options.timeoutMs, this.options.product));
    }
  }

  /** Drops every connection, including one still waiting for an answer that timed out. */
  async close(): Promise<void> {
    await this.agent.destroy();
  }
}
