// Shared by the reliability tier (not a test file): every test reports what it measured.

/** Prints one measured figure (sent/answered/lost, crashes, recovery times, orphans) under the test output. */
export function figure(line: string): void {
  process.stdout.write(`\n  » ${line}\n`);
}
