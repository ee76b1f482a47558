// The scenario protocol of the Akana emulator (Node: tests, demo, bench): what a scenario presents to the Java fake and what it reports back.

// ---------------------------------------------------------------------------------------------------------
// Scenario input (what PolicyRunner reads)
// ---------------------------------------------------------------------------------------------------------

/** 0 = IN (request), 1 = OUT (response), 2 = FAULT: `messageContext.getParameterType()`. */
export type ParameterType = 0 | 1 | 2;

/** The Operational Script policy variables the fake binds (Akana's `alerter` is not faked). */
export type BindingName = 'messageContext' | 'result' | 'msgFactory' | 'msgrService' | 'auditLog' | 'systemLog';

/** bound: the Java object (default); null: the variable exists and is null; absent: never defined. */
export type BindingMode = 'bound' | 'null' | 'absent';

/**
 * A property value as the host holds it: a JSON string becomes java.lang.String, an integral number
 * java.lang.Integer (java.lang.Long beyond 32 bits), another number java.lang.Double, a boolean
 * java.lang.Boolean. In the script every one of them is a wrapped Java object (`typeof` is 'object').
 */
export type PropertyValue = string | number | boolean;

/**
 * A script: a file path (relative to RunOptions.baseDir, default the repo root), or inline source whose
 * `name` appears in stack traces. A step's scripts run in order in ONE fresh scope, as Akana runs an
 * imported config script and then the policy expression.
 */
export type ScriptRef = string | { name: string; source: string };

/** The message the gateway presents to the policy (`messageContext.getMessage()`). */
export interface PresentedMessage {
  /** `getID()`; null when omitted. */
  id?: string;
  /**
   * Transport headers in arrival order, repeated names allowed: a repeated name becomes ONE header whose
   * `getValue()` joins the values with ", " (first spelling of the name kept). Omitted or null: the
   * message has no headers and `getTransportHeaders()` returns null. [] gives an empty header set.
   */
  headers?: Array<[string, string]> | null;
  /** `getContentType()`; defaults to the Content-Type header when there is one. */
  contentType?: string;
  /** UTF-8 content; omitted: no content (`getContentAsString()` returns null). */
  content?: string;
  /** Message properties, e.g. `http.method`, `com.soa.message.TRANSPORT_QUERY`, `http.status.code.property`. */
  properties?: Record<string, PropertyValue>;
  /**
   * Subject category URI -> authenticated principal name. Omitted: `getSecuritySubjects()` returns null.
   * Each Subject has that one Principal and a Name public credential (`getInputName()`).
   */
  securitySubjects?: Record<string, string>;
}

/** Applied once, when the step's exchange id is first used (the API being called through the gateway). */
export interface ExchangeSetup {
  serviceName?: string; // "{ns}local"
  interfaceName?: string;
  operationName?: string;
  endpointName?: string;
  binding?: string;
}

/**
 * A service registered in Akana that `msgrService.getMessenger().send(exchange)` can reach (an ASE node).
 * Keyed in Scenario.routes by service name "{ns}local", matched as a javax.xml.namespace.QName.
 */
export interface RouteConfig {
  /** e.g. `http://127.0.0.1:PORT`; operation paths are appended. */
  baseUrl: string;
  /** When set, the exchange's interface must equal it; otherwise any interface is accepted (but required). */
  interfaceName?: string;
  /** operation -> path; default { postRequestMetadata: '/ase/request', postResponseMetadata: '/ase/response' }. */
  operations?: Record<string, string>;
  /** The container's socket settings for that API. Defaults 2000 and 5000. */
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /**
   * Type of the out message's `http.status.code.property`: 'integer' (java.lang.Integer, the default)
   * or 'string' (java.lang.String). Akana's real type is undocumented, so adapters must cope with both.
   */
  statusType?: 'integer' | 'string';
  /**
   * Where an HTTP status >= 400 goes: 'out' (default: out message, exchange status 1 DONE) or 'fault'
   * (fault message, exchange status 2 ERROR). Undocumented in Akana, so adapters must cope with both.
   */
  errorStatusAs?: 'out' | 'fault';
}

export type LogLevel = 'debug' | 'warn' | 'error' | 'off';

export interface Step {
  /** Shown in results; default "step <index>". */
  name?: string;
  /** Evaluated in order in one fresh scope per execution. */
  scripts: ScriptRef[];
  /** Default 0. The presented message goes into the exchange's in (0), out (1) or fault (2) slot. */
  parameterType?: ParameterType;
  /** Exchange id, default "main": a later step with the same id gets the same Exchange (properties and messages). */
  exchange?: string;
  exchangeSetup?: ExchangeSetup;
  /** Set on the exchange before the script runs (as earlier gateway stages might). */
  exchangeProperties?: Record<string, PropertyValue>;
  /** Omitted: the message already in the slot (e.g. the out message an earlier step made), or an empty one. */
  message?: PresentedMessage;
  /** `messageContext.getProperty(...)` values. */
  contextProperties?: Record<string, PropertyValue>;
  /** Default 'provider' (`isProvider()` true). */
  role?: 'provider' | 'consumer';
  /** Reported by `isMessageReadOnly()`, not enforced. */
  messageReadOnly?: boolean;
  /** Per variable; every variable defaults to 'bound'. */
  bindings?: Partial<Record<BindingName, BindingMode>>;
  /**
   * Run the step this many times (default RunOptions.repeat, else 1): each run starts from the same
   * exchange state (a copy) with a freshly built message; the result is the last run's, with every
   * run's time in runMicros.
   */
  repeat?: number;
}

export interface Scenario {
  name: string;
  /** Messenger routing table: service "{ns}local" -> route. A service not listed is "not registered". */
  routes?: Record<string, RouteConfig>;
  /** Thresholds; lines below them are dropped and is*Enabled() answer accordingly. Default debug. */
  logLevels?: { auditLog?: LogLevel; systemLog?: LogLevel };
  steps: Step[];
}

export interface RunOptions {
  /** Default repeat count for steps without one (`--repeat N`). */
  repeat?: number;
  /** Rhino optimization level: -1 interpreted, 0 (default) to 9 compiled. */
  optimizationLevel?: number;
  /**
   * 'akana-1.7R4' (default): Java lists/maps are plain Java objects (no `list[0]`, no `list.length`) and
   * the ES2015 built-ins Rhino 1.7.14 adds at version 180 (Object.assign, String.prototype.includes,
   * Array.prototype.find, typed arrays, ...) are deleted from every fresh scope. 'rhino-1.7.14': as is.
   */
  profile?: 'akana-1.7R4' | 'rhino-1.7.14';
  /** 'default' (Akana's: java.io.File* denied), 'allowlist' (java.io, java.lang, java.math, java.text + host classes), 'none'. */
  classShutter?: 'default' | 'allowlist' | 'none';
  /** Base of relative script paths; default the repo root. */
  baseDir?: string;
  /** Extra JVM flags, e.g. ['-Xmx256m']. */
  javaArgs?: string[];
  /** Kill the JVM after this long; default 60000. */
  timeoutMs?: number;
  /** Return scenarios whose harness setup failed (ScenarioResult.error) instead of throwing. */
  allowHarnessErrors?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Results (what PolicyRunner prints)
// ---------------------------------------------------------------------------------------------------------

/** A value read back from the host: strings, numbers, booleans as themselves, other objects as String.valueOf. */
export type HostValue = string | number | boolean | null;

export interface LogLine {
  logger: 'auditLog' | 'systemLog';
  level: 'debug' | 'warn' | 'error';
  text: string | null;
}

export interface MessageSnapshot {
  contentType: string | null;
  content: string | null;
  /** The message's `http.status.code.property`, as in `properties`. */
  statusCode: HostValue;
  /** [name, value] per header (repeated values already joined); null when the message has no headers. */
  headers: Array<[string, string]> | null;
  properties: Record<string, HostValue>;
  /** Java class name of each property value, e.g. 'java.lang.Integer'. */
  propertyTypes: Record<string, string | null>;
}

/** An exception that escaped the scripts (null when none did: the normal, asserted case). */
export interface ScriptFailure {
  /** e.g. org.mozilla.javascript.EcmaError, JavaScriptException, WrappedException, EvaluatorException. */
  class: string;
  message: string | null;
  sourceName: string | null;
  line: number | null;
  scriptStack: string | null;
  /** For WrappedException: the Java exception a host method threw (e.g. com.digev.fw.exception.GException). */
  wrapped: ScriptFailure | null;
}

/** One `Messenger.send` call, whether or not it reached the server. */
export interface SendRecord {
  service: string | null;
  interfaceName: string | null;
  operation: string | null;
  endpoint: string | null;
  pattern: 'IN_OUT' | 'IN_ONLY' | null;
  /** The `audit` argument of send(exchange, audit); null for send(exchange). */
  audit: boolean | null;
  thread: string;
  /** null when the call failed before a URL was resolved (unknown service or operation, missing names). */
  url: string | null;
  /** The in message's transport headers as set by the script (Content-Type is sent from contentType). */
  requestHeaders: Array<[string, string]> | null;
  contentType: string | null;
  body: string | null;
  /** HTTP status; null when delivery failed. */
  status: number | null;
  responseBody: string | null;
  /** The GException thrown into the script, if any. */
  exception: { class: string; message: string } | null;
  micros: number;
}

export interface StepResult {
  name: string;
  exchange: string;
  parameterType: ParameterType;
  /** `result.isSuccess()` after the scripts (true unless set; null if the script passed null). */
  success: boolean | null;
  exception: ScriptFailure | null;
  logs: LogLine[];
  exchangeId: string;
  /** 0 ACTIVE, 1 DONE, 2 ERROR. */
  exchangeStatus: number;
  exchangeProperties: Record<string, HostValue>;
  exchangePropertyTypes: Record<string, string | null>;
  contextProperties: Record<string, HostValue>;
  /** The presented message after the scripts ran (e.g. the request as it goes on downstream). */
  message: MessageSnapshot | null;
  /** The exchange's slots after the step: out/fault are what the client gets (or a block answer). */
  in: MessageSnapshot | null;
  out: MessageSnapshot | null;
  fault: MessageSnapshot | null;
  sends: SendRecord[];
  /** Wall time of the execution: fresh scope + bindings + scripts (compilation excluded). */
  micros: number;
  /** The scripts alone. */
  scriptMicros: number;
  /** micros of every run (one entry unless repeated). */
  runMicros: number[];
}

export interface ScenarioResult {
  name: string;
  /** A harness/scenario mistake (bad input, missing script file); script failures are in StepResult.exception. */
  error: string | null;
  steps: StepResult[];
}

export interface EngineInfo {
  rhino: string;
  java: string;
  languageVersion: number;
  optimizationLevel: number;
  profile: string;
  classShutter: string;
}

export interface RunDocument {
  engine: EngineInfo;
  scenarios: ScenarioResult[];
}
