// Node health kept across calls in JVM system properties, with an in-script fallback (ES5 engine: Rhino).
//
// Akana may evaluate the policy script afresh for every call, so script globals cannot hold "node X is
// down until T". java.lang.System properties live as long as the gateway's JVM and java.lang stays
// reachable under Akana's class-shutter allow list. Keys carry a prefix so tenants' nodes never clash.

import type { HealthStore } from '../../core/host';
import { jsInt, jsString } from './java-values';

declare var java: any;

var PREFIX = 'pi.ase.health.';

// The guards here are catch-free (java-values.ts says why): a return in finally drops the throw.

function javaSystem(): any {
  var system: any = null;
  try {
    if (typeof java !== 'undefined' && java && java.lang && java.lang.System) system = java.lang.System;
  } finally {
    return system;
  }
}

/** The store's state: its key scope, java.lang.System while it works, the in-script fallback. */
interface JvmHealthStore extends HealthStore {
  scope: string;
  system: any;
  local: { [key: string]: string };
}

/**
 * Health store over System properties; falls back to a plain object (per script evaluation) without
 * Java. Its methods are shared top-level functions over the store's fields, not closures: a store is
 * made for every sideband call, and closures would be four function objects and an activation each time.
 */
export function jvmHealthStore(scope: string): HealthStore {
  var store: JvmHealthStore = {
    scope: scope,
    system: javaSystem(),
    local: {},
    getDownUntil: getDownUntil,
    setDownUntil: setDownUntil,
    firstTime: firstTime,
    readNumber: readNumber,
    writeNumber: writeNumber
  };
  return store;
}

function readKey(store: JvmHealthStore, key: string): string {
  if (store.system) {
    var value: string | null = null;
    try {
      value = jsString(store.system.getProperty(PREFIX + store.scope + key));
    } finally {
      // jsString never answers null: getProperty threw, and the store goes on without Java (the
      // return drops the throw; a finally that did not return would let it through).
      if (value === null) {
        store.system = null;
        return store.local[key] || '';
      }
    }
    return value;
  }
  return store.local[key] || '';
}

function writeKey(store: JvmHealthStore, key: string, value: string): void {
  if (store.system) {
    var written = false;
    try {
      store.system.setProperty(PREFIX + store.scope + key, value);
      written = true;
    } finally {
      if (!written) {
        store.system = null;
        store.local[key] = value;
        return;
      }
    }
    return;
  }
  store.local[key] = value;
}

function getDownUntil(this: JvmHealthStore, nodeName: string): number {
  var until = jsInt(readKey(this, 'down.' + nodeName));
  return until > 0 ? until : 0;
}

function setDownUntil(this: JvmHealthStore, nodeName: string, epochMs: number): void {
  writeKey(this, 'down.' + nodeName, String(epochMs));
}

function firstTime(this: JvmHealthStore, key: string): boolean {
  if (readKey(this, 'once.' + key) === '1') return false;
  writeKey(this, 'once.' + key, '1');
  return true;
}

function readNumber(this: JvmHealthStore, key: string): number {
  var value = jsInt(readKey(this, 'n.' + key));
  return value === value ? value : 0;
}

function writeNumber(this: JvmHealthStore, key: string, value: number): void {
  writeKey(this, 'n.' + key, String(value));
}
