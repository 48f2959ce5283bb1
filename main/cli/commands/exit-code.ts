// CLI helper for `ports` and `record`: a non-zero exit code for an expected failure that has
// already been printed. Also applied on `exit`, since run.ts sets `process.exitCode` from main()'s
// result (0 once the command returned) after the command's own setting.
let pending = 0;
let hooked = false;

/** Exit with `code` (1: usage, 2: cannot open, 3: stopped by an error) once the command returns. */
export function failWith(code: number): void {
  pending = code;
  process.exitCode = code;
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    if (!process.exitCode) process.exitCode = pending;
  });
}
