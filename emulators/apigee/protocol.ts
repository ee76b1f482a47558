// The scenario protocol of the Apigee emulator (Node: tests, demo): what a scenario presents to the Java fake of Apigee's JavaScript object model, and what it reports.

/** The flow hooks a call runs the shared flow on (null: not attached there). */
export interface CallHooks {
  /** Default PreProxyFlowHook (context.flow PROXY_REQ_FLOW); PreTargetFlowHook gives TARGET_REQ_FLOW. */
  request?: 'PreProxyFlowHook' | 'PreTargetFlowHook' | null;
  /** Default PostProxyFlowHook (PROXY_RESP_FLOW); PostTargetFlowHook gives TARGET_RESP_FLOW. */
  response?: 'PostProxyFlowHook' | 'PostTargetFlowHook' | null;
}

export interface PresentedRequest {
  verb?: string;
  /** Path with query, as request.uri gives it. */
  uri?: string;
  /** request.version, e.g. "1.1". */
  version?: string;
  /** Header lines as received, repeated names allowed. */
  headers?: Array<[string, string]>;
  content?: string;
}

export interface BackendResponse {
  status?: number;
  reason?: string;
  headers?: Array<[string, string]>;
  content?: string;
}

export interface ApigeeCall {
  name?: string;
  hooks?: CallHooks;
  request?: PresentedRequest;
  /** client.ip and client.port (the socket peer). */
  client?: { ip?: string; port?: number };
  /** Flow variables set before the shared flow, as earlier policies would (client_id after VerifyAccessToken). */
  variables?: Record<string, string | number | boolean>;
  /** What the backend answers when the request flow did not stop the call (default 200 OK, no headers). */
  response?: BackendResponse;
  /** Sleep after the call (lets background sends land, or a retry window pass). */
  pauseAfterMs?: number;
  /** Not a call: a harness step that GETs this URL (it must answer 204), e.g. to stop a stand-in between calls. */
  controlUrl?: string;
}

/** How the fake answers where Apigee's documentation is silent; adapters must cope with every choice. */
export interface HostChoices {
  /** exchange.getResponse().status: an object with `code` ('object', the default) or a java.lang.Integer ('number'). */
  statusShape?: 'object' | 'number';
  /** A waitForComplete(ms) that times out returns ('returns', the default) or throws ('throws'). */
  waitTimeout?: 'returns' | 'throws';
  /** Calls a script did not wait for go on after it ('background', the default) or hold the step until they end or timeLimit ('hold'). */
  pendingCalls?: 'background' | 'hold';
  /**
   * The Javascript step's timeLimit is enforced times this (default 1). A cold test JVM runs the
   * first script far slower than a warm gateway; a scale keeps every wait bounded without making
   * behaviour tests depend on the machine's speed.
   */
  timeLimitScale?: number;
}

/** bound (the default) or absent, per object of the Javascript policy's scope. */
export type ScopeBindings = Partial<Record<'context' | 'httpClient' | 'Request' | 'print', 'bound' | 'absent'>>;

export interface ApigeeScenario {
  name: string;
  /** The shared flow bundle zip (or its sharedflowbundle folder). */
  bundle: string;
  /** resources/jsc/NAME replaced (null: removed), e.g. a pi-config.js for the scenario's ASE nodes. */
  resources?: Record<string, string | null>;
  /** The environment's KVMs: map name -> entry -> value. */
  kvm?: Record<string, Record<string, string>>;
  host?: HostChoices;
  bindings?: ScopeBindings;
  /** In order, sharing the scenario's KVM, cache and httpClient. */
  calls: ApigeeCall[];
}

export interface ApigeeRunOptions {
  /** 'apigee-1.7.13' (default): Java collections as plain Java objects, ES2015+ built-ins and LiveConnect globals removed, JSON.stringify refusing Java values. 'rhino-1.7.14': as is. */
  profile?: 'apigee-1.7.13' | 'rhino-1.7.14';
  baseDir?: string;
  timeoutMs?: number;
  /** Return scenarios whose harness setup failed instead of throwing. */
  allowHarnessErrors?: boolean;
}

export interface StepRecord {
  policy: string;
  /** False when its Condition did not hold. */
  executed: boolean;
  /** The policy's failure (with continueOnError the flow went on). */
  error?: string | null;
  micros?: number;
}

export interface SendRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** HTTP status once answered; null when it failed or had not ended when the results were read. */
  status: number | null;
  error: string | null;
  completedMicros: number | null;
}

export interface FaultRecord {
  policy: string;
  status: number;
  reason: string;
  contentType: string;
  body: string;
}

export interface FlowRecord {
  flow: string;
  steps: StepRecord[];
  /** What print() wrote. */
  prints: string[];
  /** httpClient sends started in this flow. */
  sends: SendRecord[];
  /** Flow variables after the flow (private ones included: the test reads them, never a log). */
  variables: Record<string, string | number | boolean | null>;
  fault: FaultRecord | null;
  micros: number;
}

export interface CallResult {
  name: string | null;
  request?: FlowRecord;
  response?: FlowRecord;
  backendCalled: boolean;
  /** What the client got: the RaiseFault's answer, or the backend's (status 0 for a control step). */
  client: { status: number; reason: string | null; contentType: string | null; body: string | null; fault: string | null };
}

export interface ApigeeScenarioResult {
  name: string;
  error: string | null;
  calls: CallResult[];
}

export interface ApigeeRunDocument {
  engine: { rhino: string; java: string; languageVersion: number; profile: string };
  scenarios: ApigeeScenarioResult[];
}
