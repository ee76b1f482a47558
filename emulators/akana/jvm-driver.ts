// JVM driver of the Akana emulator (Node: tests, demo, bench): compiles java/ (the fake of Akana's script API) and runs scenarios in Rhino 1.7.14.
import { join, resolve } from 'node:path';
import { compileJavaTree, REPO_ROOT, runJavaDocument, type JavaTree } from '../jvm/jvm-runner';
import type { RunDocument, RunOptions, Scenario, ScenarioResult } from './scenario-protocol';

export { rhinoAvailable, rhinoJar } from '../jvm/jvm-runner';

const FAKE_AKANA: JavaTree = {
  cacheName: 'fake-akana',
  sources: join(REPO_ROOT, 'emulators', 'akana', 'java'),
  marker: join('fake', 'akana', 'PolicyRunner.class')
};

/**
 * javac of emulators/akana/java (with the shared emulators/jvm/java) into .cache/fake-akana/<hash of
 * sources>/, reused while the sources are unchanged. Returns the classes directory.
 */
export function compileFakeAkana(): Promise<string> {
  return compileJavaTree(FAKE_AKANA);
}

/** Runs every scenario in ONE JVM (one Rhino Context) and returns the whole document, engine info included. */
export async function runScenarioDocument(scenarios: Scenario[], options: RunOptions = {}): Promise<RunDocument> {
  const runnerOptions = {
    repeat: options.repeat,
    optimizationLevel: options.optimizationLevel,
    profile: options.profile,
    classShutter: options.classShutter,
    baseDir: resolve(options.baseDir ?? REPO_ROOT)
  };
  const doc = await runJavaDocument<RunDocument>({
    tree: FAKE_AKANA,
    mainClass: 'fake.akana.PolicyRunner',
    document: { options: runnerOptions, scenarios },
    javaArgs: options.javaArgs,
    timeoutMs: options.timeoutMs
  });
  if (!options.allowHarnessErrors) {
    const bad = doc.scenarios.filter((s) => s.error !== null);
    if (bad.length > 0) throw new Error(bad.map((s) => `scenario ${s.name}: ${s.error}`).join('\n'));
  }
  return doc;
}

/** Runs every scenario in one JVM; results in the same order. */
export async function runScenarios(scenarios: Scenario[], options: RunOptions = {}): Promise<ScenarioResult[]> {
  return (await runScenarioDocument(scenarios, options)).scenarios;
}
