// Front door of the Apigee emulator (Node: tests, demo): the scenario protocol and the JVM driver of the Java fake of Apigee's JavaScript object model.
export * from './protocol';
export { compileFakeApigee, runApigeeScenarios } from './driver';
export { rhinoAvailable } from '../jvm/jvm-runner';
