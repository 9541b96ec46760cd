/** Prints one plain closing line, `N passed, N failed`, that CI systems can read without parsing Jest's table. */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // Suites that could not run count as failures too: their tests never reported.
    const failedSuites = results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
