// apigee-deploy (Node only): the Apigee X / hybrid management API over the shared transport: bearer token, JSON and multipart bodies, Google's error shape.
import { ApiRequestError, HttpTransport } from '../gateway-api/http-transport';
import { bodySnippet } from '../gateway-api/network-errors';

/** An HTTP answer other than 2xx, with Google's error message when the body has one. */
export class ApigeeApiError extends Error {
  override name = 'ApigeeApiError';
  constructor(
    readonly status: number,
    readonly what: string,
    readonly detail: string
  ) {
    super(`${what}: HTTP ${status}${detail ? ` (${detail})` : ''}`);
  }
}

/** Google APIs answer {"error": {"code", "message", "status"}}; the message never holds our secrets. */
export function errorDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; status?: unknown } };
    const message = typeof parsed.error?.message === 'string' ? parsed.error.message : '';
    const status = typeof parsed.error?.status === 'string' ? parsed.error.status : '';
    if (message || status) return [status, message].filter(Boolean).join(': ');
  } catch {
    // Not JSON: a proxy's page or plain text.
  }
  return bodySnippet(body);
}

export type Body = { json: unknown } | { multipart: { field: string; filename: string; bytes: Uint8Array } } | { empty: true };

export class ApigeeClient {
  private readonly transport: HttpTransport;

  constructor(
    private readonly origin: string,
    private readonly token: string,
    timeoutMs: number,
    ca?: string
  ) {
    this.transport = new HttpTransport({ origin, timeoutMs, ca, product: 'the Apigee management API' });
  }

  /** path after /v1/ (e.g. organizations/o/environments/e); resolves with the parsed JSON of a 2xx answer. */
  async call(method: 'GET' | 'POST' | 'PUT', path: string, what: string, body?: Body): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    let payload: string | Uint8Array | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body && 'multipart' in body) {
      const boundary = `pi-apigee-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      payload = multipart(boundary, body.multipart);
    } else if (body && 'empty' in body) {
      // Google's deploy call wants an empty body, sent with Content-Length: 0.
      payload = '';
    }
    const answer = await this.transport.send(method, `${this.origin}/v1/${path}`, headers, payload);
    if (answer.status < 200 || answer.status > 299) throw new ApigeeApiError(answer.status, what, errorDetail(answer.body));
    if (answer.body.trim() === '') return {};
    try {
      return JSON.parse(answer.body);
    } catch {
      throw new ApiRequestError(`${what}: the answer is not JSON (${bodySnippet(answer.body)})`);
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** One file part: the zip, as Google's examples upload a bundle. */
function multipart(boundary: string, part: { field: string; filename: string; bytes: Uint8Array }): Uint8Array {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8'
  );
  return Buffer.concat([head, Buffer.from(part.bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
}
