// Front door of the Akana emulator (Node: tests, demo, bench): the scenario protocol, the JVM driver and Akana-shaped presentation helpers.
export * from './scenario-protocol';
export { compileFakeAkana, rhinoAvailable, rhinoJar, runScenarioDocument, runScenarios } from './jvm-driver';
export { akanaNode, configScript, CONSUMER, ENDUSER, pauseStep, presentRequest, serviceName } from './presentation';
export { ensureEngine, engineSkipped, ENGINE_PACKAGES, INSTALL_COMMAND, SKIP_ENGINE_VARIABLE, type EngineState } from './engine-setup';
