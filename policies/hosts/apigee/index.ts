// Front door of the Apigee adapter: what the bundle entry and the tooling use (ES5 engine: Rhino).
//
// Inside: entries.ts (the run, request or response by context.flow), phases.ts (the two phases),
// read.ts (flow variables -> call model), transport.ts (httpClient), health.ts (node health in a
// cached flow variable), config.ts (pi-config.js + KVM secrets), services.ts (logger, clock,
// randomness), bindings.ts (the script's scope), variables.ts (flow variable and KVM entry names),
// values.ts (Java -> JS at the boundary).

export { runApigeeSideband, flowPhase } from './entries';
export { readApigeeBindings, readApigeeSettings } from './bindings';
export type { ApigeeBindings } from './bindings';
export { loadApigeeConfig } from './config';
export type { ApigeeSecrets, ApigeeSettings, LoadedApigeeConfig } from './config';
export { FLOW_VARIABLES, KVM_ENTRIES } from './variables';
export type { IdentityVariables } from './read';
