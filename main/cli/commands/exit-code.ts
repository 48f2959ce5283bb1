// CLI helper for the commands: a non-zero exit code for an expected failure that has already
// been printed (run.ts keeps it when the command returns).

/** Exit with `code` (1: usage, 2: cannot open, 3: stopped by an error) once the command returns. */
export function failWith(code: number): void {
  process.exitCode = code;
}
