// Live data, stage 2 helper: one line of text -> words, label separators and the kind of gap
// between them. A *strong* separator (`,` `;` tab `|` ` - ` or two or more spaces) ends a field;
// a single space only separates words of one field (`Heat index`, `23.10°C 73.58°F`). `:` and
// `=` end a label and are tokens of their own.
// Pure and allocation-light (the buffers are reused line after line): called by line-decoder.ts.

/** The token is a label separator (`:` or `=`). */
export const LABEL_SEP = 1;
/** A strong separator stands before the token. */
export const STRONG = 2;

const SPACE = 32;
const HYPHEN = 45;

function isStrong(c: number): boolean {
  return c === 44 || c === 59 || c === 9 || c === 124; // , ; tab |
}

function endsWord(c: number): boolean {
  return c === SPACE || c === 58 || c === 61 || isStrong(c); // space : = or a strong separator
}

/** Reusable token buffers: `words[i]` with `flags[i]` (LABEL_SEP, STRONG) for i < `count`. */
export class LineTokens {
  readonly words: string[] = [];
  readonly flags: number[] = [];
  count = 0;

  /** Splits `line` into the buffers; returns the number of tokens. */
  scan(line: string): number {
    const len = line.length;
    let n = 0;
    let strong = false;
    let i = 0;
    while (i < len) {
      const c = line.charCodeAt(i);
      if (c === SPACE) {
        let j = i + 1;
        while (j < len && line.charCodeAt(j) === SPACE) j++;
        if (j - i >= 2) strong = true;
        // ` - ` between fields, not the sign of `-5`.
        if (j + 1 < len && line.charCodeAt(j) === HYPHEN && line.charCodeAt(j + 1) === SPACE) {
          strong = true;
          j++;
        }
        i = j;
      } else if (isStrong(c)) {
        strong = true;
        i++;
      } else if (c === 58 || c === 61) {
        this.words[n] = c === 58 ? ':' : '=';
        this.flags[n++] = LABEL_SEP | (strong ? STRONG : 0);
        strong = false;
        i++;
      } else {
        let j = i + 1;
        while (j < len && !endsWord(line.charCodeAt(j))) j++;
        this.words[n] = line.slice(i, j);
        this.flags[n++] = strong ? STRONG : 0;
        strong = false;
        i = j;
      }
    }
    this.count = n;
    return n;
  }
}
