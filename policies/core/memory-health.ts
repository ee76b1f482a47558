// In-memory node health for hosts whose process outlives one call (Node) and for tests (ES5 engine and Node).

import type { HealthStore } from './host';

export function memoryHealthStore(): HealthStore {
  var downUntil: { [node: string]: number } = {};
  var seen: { [key: string]: boolean } = {};
  var numbers: { [key: string]: number } = {};
  return {
    getDownUntil: function (nodeName: string): number {
      return Object.prototype.hasOwnProperty.call(downUntil, nodeName) ? downUntil[nodeName] : 0;
    },
    setDownUntil: function (nodeName: string, epochMs: number): void {
      downUntil[nodeName] = epochMs;
    },
    firstTime: function (key: string): boolean {
      if (Object.prototype.hasOwnProperty.call(seen, key)) return false;
      seen[key] = true;
      return true;
    },
    readNumber: function (key: string): number {
      return Object.prototype.hasOwnProperty.call(numbers, key) ? numbers[key] : 0;
    },
    writeNumber: function (key: string, value: number): void {
      numbers[key] = value;
    }
  };
}
