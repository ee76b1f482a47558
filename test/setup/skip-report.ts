// Vitest reporter (Node): ends a run that skipped tests with one line saying how many and why, so no test is skipped silently.
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** The outermost suite or test name that gives a reason, as skipIf titles do: "... (no Rhino jar ...)". */
function reasonOf(test: TestCase): string {
  const names: string[] = [test.name];
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) names.push(parent.name);
  return names.reverse().find((name) => /\(.+\)\s*$/.test(name)) ?? names[0];
}

export default class SkipReport implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byReason = new Map<string, number>();
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state !== 'skipped') continue;
        skipped++;
        const reason = `${module.moduleId.replace(process.cwd() + '/', '')}: ${reasonOf(test)}`;
        byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      }
    }
    if (skipped === 0) return;
    const lines = [...byReason].map(([reason, count]) => `  ${count} in ${reason}`);
    process.stdout.write(`\n${skipped} test${skipped === 1 ? '' : 's'} skipped:\n${lines.join('\n')}\n`);
  }
}
