// Real calls may miss a tone on a loaded machine, so a test gets a second try (vitest.config.ts).
// The default reporter then shows only "(retry x1)": this one prints, after the run, what each
// such test's first try failed on, so that a test passing only on its retry can be fixed.
import path from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

export default class RetriedTestsReporter implements Reporter {
  private readonly retried: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    if (result.state !== 'passed' || !testCase.diagnostic()?.flaky) return;
    const failures = (result.errors ?? []).map((error) => {
      const at = error.stacks?.[0];
      return `    ${error.message.split('\n')[0]}${at ? ` (${path.relative('.', at.file)}:${at.line})` : ''}`;
    });
    this.retried.push(
      `  ${path.relative('.', testCase.module.moduleId)} › ${testCase.fullName}\n${failures.join('\n')}`,
    );
  }

  onTestRunEnd(): void {
    if (this.retried.length === 0) return;
    process.stdout.write(`\nPassed only on a retry (the first try's failure):\n${this.retried.join('\n')}\n`);
  }
}
