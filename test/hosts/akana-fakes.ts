// In-process TypeScript fakes of the Akana script objects the adapter uses, with a synchronous Messenger (Node, tests).
//
// Only methods named in /work/shared/akana-script-api.md, and only those the adapter calls (plus the
// getters a test reads back). The Messenger answers in-process with the ASE stand-in's own contract
// logic (decideAnswer), so the fast leg and the Rhino leg judge a sideband call by the same rules.

import { decideAnswer, parseBodyLoosely, type DenyLists } from '../../standin';
import type { PresentedMessage } from '../../emulators/akana';
import type { AseNode } from '../../policies/core/config-types';
import { DEFAULT_PROPERTY_NAMES } from '../../policies/core/config-types';
import type { NodeBehaviour } from '../scenarios/sideband-scenarios';

const STATUS_PROPERTY = DEFAULT_PROPERTY_NAMES.statusCode;

export class FakeHeader {
  constructor(private readonly name: string, private readonly value: string) {}
  getName(): string {
    return this.name;
  }
  getValue(): string {
    return this.value;
  }
}

/** Akana's Headers: case-insensitive, add() replaces, getArray() is a copy. */
export class FakeHeaders {
  private items: FakeHeader[] = [];
  private indexOf(name: string): number {
    const lower = name.toLowerCase();
    return this.items.findIndex((h) => h.getName().toLowerCase() === lower);
  }
  get(name: string): FakeHeader | null {
    const i = this.indexOf(name);
    return i >= 0 ? this.items[i] : null;
  }
  getArray(): FakeHeader[] {
    return this.items.slice();
  }
  add(name: string, value: string): void {
    this.remove(name);
    this.items.push(new FakeHeader(name, value));
  }
  remove(name: string): void {
    const i = this.indexOf(name);
    if (i >= 0) this.items.splice(i, 1);
  }
  contains(name: string): boolean {
    return this.indexOf(name) >= 0;
  }
}

/** java.util.Set view of a property map: live, removal deletes the property. */
function liveNames(props: Map<string, unknown>) {
  return {
    remove: (name: string): boolean => props.delete(name),
    contains: (name: string): boolean => props.has(name),
    size: (): number => props.size,
    toArray: (): string[] => [...props.keys()]
  };
}

/** SubjectMap -> Subject -> Principal, each with the one method the adapter reads. */
function subjectMap(subjects: Record<string, string>) {
  return {
    get: (category: string) => {
      const name = subjects[category];
      return name === undefined ? null : { getPrincipals: () => [{ getName: () => name }] };
    }
  };
}

export class FakeMessage {
  private headers: FakeHeaders | null = null;
  private readonly props = new Map<string, unknown>();
  private subjects: Record<string, string> | undefined;
  private content: string | null = null;
  private contentType: string | null = null;

  /** A message as the Java fake builds it from a PresentedMessage (repeated headers joined with ", "). */
  static from(presented: PresentedMessage): FakeMessage {
    const message = new FakeMessage();
    if (presented.headers) {
      const headers = new FakeHeaders();
      for (const [name, value] of presented.headers) {
        const existing = headers.get(name);
        if (existing) headers.add(existing.getName(), existing.getValue() + ', ' + value);
        else headers.add(name, value);
      }
      message.headers = headers;
    }
    for (const [name, value] of Object.entries(presented.properties ?? {})) message.props.set(name, value);
    message.subjects = presented.securitySubjects;
    message.contentType = presented.contentType ?? headerValue(message.headers, 'Content-Type');
    return message;
  }

  getTransportHeaders(): FakeHeaders | null {
    return this.headers;
  }
  createTransportHeaders(): FakeHeaders {
    this.headers = new FakeHeaders();
    return this.headers;
  }
  setTransportHeaders(headers: FakeHeaders): void {
    this.headers = headers;
  }
  getProperty(name: string): unknown {
    return this.props.has(name) ? this.props.get(name) : null;
  }
  setProperty(name: string, value: unknown): void {
    this.props.set(name, value);
  }
  getPropertyNames() {
    return liveNames(this.props);
  }
  getSecuritySubjects() {
    return this.subjects ? subjectMap(this.subjects) : null;
  }
  setStringContent(content: string): void {
    this.content = content;
  }
  getContentAsString(): string | null {
    return this.content;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string): void {
    this.contentType = contentType;
  }
}

function headerValue(headers: FakeHeaders | null, name: string): string | null {
  const header = headers ? headers.get(name) : null;
  return header ? header.getValue() : null;
}

/** Exchange.getStatus() values. */
const ACTIVE = 0;
const DONE = 1;

export class FakeExchange {
  private readonly props = new Map<string, unknown>();
  private readonly slots: Array<FakeMessage | null> = [null, null, null];
  private status = ACTIVE;
  serviceName = '';
  interfaceName = '';
  operationName = '';

  getProperty(name: string): unknown {
    return this.props.has(name) ? this.props.get(name) : null;
  }
  setProperty(name: string, value: unknown): void {
    this.props.set(name, value);
  }
  getPropertyNames() {
    return liveNames(this.props);
  }
  private create(slot: number): FakeMessage {
    if (this.slots[slot]) throw new Error('com.digev.fw.exception.GException: message slot ' + slot + ' is already filled');
    this.slots[slot] = new FakeMessage();
    return this.slots[slot]!;
  }
  createInMessage(): FakeMessage {
    return this.create(0);
  }
  createOutputMessage(): FakeMessage {
    return this.create(1);
  }
  getInMessage(): FakeMessage | null {
    return this.slots[0];
  }
  getOutMessage(): FakeMessage | null {
    return this.slots[1];
  }
  getFaultMessage(): FakeMessage | null {
    return this.slots[2];
  }
  getStatus(): number {
    return this.status;
  }
  setServiceName(name: string): void {
    this.serviceName = name;
  }
  setInterfaceName(name: string): void {
    this.interfaceName = name;
  }
  setOperationName(name: string): void {
    this.operationName = name;
  }
  /** What the container does when a send completes (not a script method). */
  complete(status: number): void {
    this.status = status;
  }
}

export class FakeMessageContext {
  constructor(private readonly parameterType: number, private readonly message: FakeMessage, private readonly exchange: FakeExchange) {}
  getParameterType(): number {
    return this.parameterType;
  }
  getMessage(): FakeMessage {
    return this.message;
  }
  getExchange(): FakeExchange {
    return this.exchange;
  }
}

export class FakeResult {
  /** Every value passed to setSuccess, in order. */
  readonly calls: boolean[] = [];
  setSuccess(value: boolean): void {
    this.calls.push(value);
  }
  isSuccess(): boolean {
    return this.calls.length ? this.calls[this.calls.length - 1] : true;
  }
}

export class FakeLogger {
  readonly lines: Array<{ level: string; text: string }> = [];
  debug(text: string): void {
    this.lines.push({ level: 'debug', text });
  }
  warn(text: string): void {
    this.lines.push({ level: 'warn', text });
  }
  error(text: string): void {
    this.lines.push({ level: 'error', text });
  }
  isDebugEnabled(): boolean {
    return true;
  }
  text(): string {
    return this.lines.map((l) => `${l.level} ${l.text}`).join('\n');
  }
}

/** One registered ASE API: the node it stands for and how that node behaves. */
export interface FakeRoute {
  node: AseNode;
  behaviour: NodeBehaviour;
}

/** A send that reached a node which is not down, as the stand-in would have recorded it. */
export interface FakeSend {
  node: string;
  path: '/ase/request' | '/ase/response';
  /** Lower-case names. */
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
}

export interface FakeAse {
  deny?: DenyLists;
  token?: string;
  /** Longer delays than this time out (the container's read timeout). */
  attemptTimeoutMs: number;
}

/** msgrService with a synchronous in-process Messenger that answers per the ASE contract. */
export class FakeMessengerService {
  readonly sends: FakeSend[] = [];
  constructor(private readonly routes: FakeRoute[], private readonly ase: FakeAse) {}

  createExchangeFactory() {
    return { createInOut: () => new FakeExchange(), createInOnly: () => new FakeExchange() };
  }

  getMessenger() {
    return { send: (exchange: FakeExchange): void => this.send(exchange) };
  }

  private send(exchange: FakeExchange): void {
    const route = this.routes.find((r) => r.node.service === exchange.serviceName);
    if (!route) throw new Error('com.digev.fw.exception.GException: no service registered as ' + exchange.serviceName);
    const path = exchange.operationName === route.node.requestOperation ? '/ase/request'
      : exchange.operationName === route.node.responseOperation ? '/ase/response'
      : undefined;
    if (!path) throw new Error('com.digev.fw.exception.GException: no operation ' + exchange.operationName);
    const behaviour = route.behaviour;
    if (behaviour.kind === 'down') throw new Error('java.net.ConnectException: Connection refused');

    const inMessage = exchange.getInMessage();
    const headers: Record<string, string> = {};
    for (const h of inMessage?.getTransportHeaders()?.getArray() ?? []) headers[h.getName().toLowerCase()] = h.getValue();
    const contentType = inMessage?.getContentType();
    if (contentType) headers['content-type'] = contentType;
    const rawBody = inMessage?.getContentAsString() ?? '';
    this.sends.push({ node: route.node.name, path, headers, rawBody, body: parseBodyLoosely(rawBody) });

    if (behaviour.kind === 'slow' && behaviour.delayMs > this.ase.attemptTimeoutMs) {
      throw new Error('java.net.SocketTimeoutException: Read timed out');
    }
    const status = behaviour.kind === 'status' ? behaviour.status
      : decideAnswer({ method: 'POST', path, headers, rawBody }, { token: this.ase.token ?? '', deny: this.ase.deny ?? {}, knownApis: undefined }).status;
    const out = exchange.createOutputMessage();
    out.setProperty(STATUS_PROPERTY, status);
    exchange.complete(DONE);
  }
}
