// Front door of the Akana adapter: what the bundle entries and the tooling use (ES5 engine: Rhino).
//
// Inside: entries.ts (pi_policy, retain-header), config-load.ts and config-check.ts (config.js
// validated once per JVM and config), phases.ts (request and response
// phases), read.ts (messageContext -> call model), transport.ts (msgrService), services.ts, health.ts
// (the core's ports), config-js.ts and bindings.ts (config.js variables, script bindings),
// diagnostics.ts, java-values.ts (Java -> JS at the boundary), exchange-keys.ts.

export { runPiPolicy, runRetainHeader } from './entries';
export { loadAkanaConfig } from './config-load';
export type { LoadedConfig } from './config-load';
export { readAkanaBindings, readAkanaConfigGlobals } from './bindings';
export type { AkanaBindings } from './bindings';
export type { AkanaConfigGlobals } from './config-js';
