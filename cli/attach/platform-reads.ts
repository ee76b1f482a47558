// attach (Node only): one GET on the platform API turned into parsed JSON, or a PlatformError worded for the operator.
import type { PlatformClient } from './platform-client';
import { PlatformError } from './platform-client';
import { statusError } from './platform-failures';

export interface Reader {
  client: PlatformClient;
  /** The account, for 403 messages. */
  email: string;
}

export interface JsonAnswer {
  status: number;
  /** The body exactly as received. */
  text: string;
  /** Parsed; undefined for an empty body. */
  value: unknown;
}

/**
 * GET path; 2xx gives the parsed body, 404 gives status 404 with no value when `missingOk`,
 * anything else throws a PlatformError naming `what`.
 */
export async function getJson(reader: Reader, path: string, what: string, missingOk = false): Promise<JsonAnswer> {
  const answer = await reader.client.get(path);
  if (answer.status === 404 && missingOk) return { status: 404, text: answer.body, value: undefined };
  if (answer.status < 200 || answer.status > 299) {
    throw statusError(answer.status, answer.body, { method: 'GET', path, what, email: reader.email, csrf: reader.client.csrf });
  }
  if (answer.body.trim() === '') return { status: answer.status, text: answer.body, value: undefined };
  try {
    return { status: answer.status, text: answer.body, value: JSON.parse(answer.body) };
  } catch {
    const hint = answer.body.trimStart().startsWith('<') ? ' (it looks like XML or HTML: is --url the Community Manager address?)' : '';
    throw new PlatformError(`GET ${path} (${what}) did not return JSON${hint}`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that may come as one object or a list of them (XML-to-JSON conversions do both): always a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A text field that may come as a string or as {"value": string}. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.value === 'string') return value.value;
  return undefined;
}

/** The items of an RSS channel answer ({"channel": {"item": [...]}}), each with its guid and title. */
export function channelItems(value: unknown): Array<{ guid?: string; title?: string; item: Record<string, unknown> }> {
  const channel = isObject(value) && isObject(value.channel) ? value.channel : value;
  if (!isObject(channel)) return [];
  return asList(channel.item)
    .filter(isObject)
    .map((item) => ({ guid: text(item.guid), title: text(item.title), item }));
}
