// Node health carried between calls in one flow variable that the shared flow's LookupCache fills and PopulateCache stores (ES5 engine: Rhino).
//
// Apigee keeps no script globals between calls. The shared flow looks the record up before the
// script (pi.ase.health_cached) and caches what the script leaves in pi.ase.health_update when
// pi.ase.health_changed is "true". Without those steps every call starts from an empty record:
// health is then per call. The record is JSON: {"s": node scope, "d": {node: down-until ms},
// "o": {once-key: 1}}; a record for another node list keeps only its once-keys.

import type { HealthStore } from '../../core/host';
import { FLOW_VARIABLES } from './variables';
import { setVariable, variable } from './values';

interface HealthRecord {
  s: string;
  d: { [node: string]: number };
  o: { [key: string]: number };
}

export interface FlowHealth {
  store: HealthStore;
  /** Writes the record back for PopulateCache when anything changed; never throws. */
  flush(): void;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !(value instanceof Array);
}

function numbersOf(value: unknown): { [key: string]: number } {
  var out: { [key: string]: number } = {};
  if (!isObject(value)) return out;
  for (var key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && typeof value[key] === 'number') out[key] = value[key] as number;
  }
  return out;
}

/** The record in the flow variable, or an empty one for this scope (missing, garbage, another node list). */
export function parseHealth(textValue: string, scope: string): HealthRecord {
  var parsed: unknown = null;
  try {
    parsed = textValue ? JSON.parse(textValue) : null;
  } catch (e) {
    parsed = null;
  }
  var record: HealthRecord = { s: scope, d: {}, o: {} };
  if (!isObject(parsed)) return record;
  record.o = numbersOf(parsed.o);
  if (parsed.s === scope) record.d = numbersOf(parsed.d);
  return record;
}

/** The health scope of a node list: names and URLs, so two configs never share "node down" marks. */
export function healthScope(nodes: Array<{ name: string; url?: string }>): string {
  var scope = '';
  for (var i = 0; i < nodes.length; i++) scope += nodes[i].name + '=' + (nodes[i].url || '') + '|';
  return scope;
}

export function flowVariableHealth(context: any, scope: string): FlowHealth {
  var record = parseHealth(variable(context, FLOW_VARIABLES.healthCached), scope);
  var changed = false;
  var store: HealthStore = {
    getDownUntil: function (nodeName: string): number {
      var until = Object.prototype.hasOwnProperty.call(record.d, nodeName) ? record.d[nodeName] : 0;
      return until > 0 ? until : 0;
    },
    setDownUntil: function (nodeName: string, epochMs: number): void {
      record.d[nodeName] = epochMs;
      changed = true;
    },
    firstTime: function (key: string): boolean {
      if (Object.prototype.hasOwnProperty.call(record.o, key)) return false;
      record.o[key] = 1;
      changed = true;
      return true;
    }
  };
  return {
    store: store,
    flush: function (): void {
      if (!changed) {
        // Left "true" by this call's request flow: the response flow has nothing new to cache.
        if (variable(context, FLOW_VARIABLES.healthChanged) === 'true') setVariable(context, FLOW_VARIABLES.healthChanged, 'false');
        return;
      }
      var json = JSON.stringify(record);
      setVariable(context, FLOW_VARIABLES.healthUpdate, json);
      // A later run of the script in the same call (the response flow) sees it even before the cache does.
      setVariable(context, FLOW_VARIABLES.healthCached, json);
      setVariable(context, FLOW_VARIABLES.healthChanged, 'true');
    }
  };
}
