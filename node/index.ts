// Public entry of the Node host: the ASE sideband policy for Node servers (Node). The test kit is node/test-kit.ts.

export { createAsePolicy } from './node-host';
export type { AsePolicy, AsePolicyOptions, PolicyDecision } from './node-host';
export { PolicyConfigError } from './node-config';
export type { AseTlsOptions, NodeAseNode, PolicyConfigInput } from './node-config';
export type { DecisionEvent, ObservabilityOptions } from './observability';
export { TELEMETRY_NAMES } from './telemetry';
export type { MeterLike, MeterProviderLike, OpenTelemetryOptions } from './telemetry';
export { piNodeMiddleware, registerPiFastify, piFastifyPlugin, blockedAnswer } from './middleware';
export type { PiMiddlewareOptions, PiFastifyOptions, PiFastifyPluginOptions, PiRequest, FastifyLike, FastifyRequestLike, FastifyReplyLike } from './middleware';
export { apiCallFromRequest, apiResponseFrom } from './incoming-call';
export type { CallerIdentity, IncomingCallOptions } from './incoming-call';
export { consoleLogger } from './logger';
export type { ConsoleLoggerOptions } from './logger';
export { runSidebandAsync } from './sideband-async';

export { Codes } from '../policies/core/errors';
export type { Code, TransportFailureCode } from '../policies/core/errors';
export type { ApiCall, ApiRequest, ApiResponse, CallIdentity, HeaderField } from '../policies/core/api-call';
export type { AseNode, PolicyConfig } from '../policies/core/config-types';
export type { ConfigProblem } from '../policies/core/config';
export type { Decision, LogLine } from '../policies/core/sideband';
export type { AsyncTransport, PolicyLogger } from '../policies/core/host';
