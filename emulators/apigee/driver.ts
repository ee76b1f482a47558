// JVM driver of the Apigee emulator (Node: tests, demo): compiles java/ (the fake of Apigee's JavaScript object model) and runs scenarios in Rhino 1.7.14.
import { join, resolve } from 'node:path';
import { compileJavaTree, REPO_ROOT, runJavaDocument, type JavaTree } from '../jvm/jvm-runner';
import type { ApigeeRunDocument, ApigeeRunOptions, ApigeeScenario } from './protocol';

const FAKE_APIGEE: JavaTree = {
  cacheName: 'fake-apigee',
  sources: join(REPO_ROOT, 'emulators', 'apigee', 'java'),
  marker: join('fake', 'apigee', 'ApigeeRunner.class')
};

export function compileFakeApigee(): Promise<string> {
  return compileJavaTree(FAKE_APIGEE);
}

/** Runs every scenario in ONE JVM and returns the whole document, engine info included. */
export async function runApigeeScenarios(scenarios: ApigeeScenario[], options: ApigeeRunOptions = {}): Promise<ApigeeRunDocument> {
  const doc = await runJavaDocument<ApigeeRunDocument>({
    tree: FAKE_APIGEE,
    mainClass: 'fake.apigee.ApigeeRunner',
    document: { options: { profile: options.profile, baseDir: resolve(options.baseDir ?? REPO_ROOT) }, scenarios },
    timeoutMs: options.timeoutMs
  });
  if (!options.allowHarnessErrors) {
    const bad = doc.scenarios.filter((s) => s.error !== null);
    if (bad.length > 0) throw new Error(bad.map((s) => `scenario ${s.name}: ${s.error}`).join('\n'));
  }
  return doc;
}
