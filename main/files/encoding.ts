// File import, stage 1: bytes -> text. Detects the encoding (BOM, UTF-16 without BOM, UTF-8,
// else Windows-1252) and decodes chunk by chunk, so a multi-byte character split across two
// chunks is decoded whole. Line endings (CRLF, LF, lone CR, mixed) become LF.
// Called by csv-importer.ts.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start of the file (skipped). */
  bomLength: number;
}

/** Guesses the encoding from the first bytes of a file (a few KB is enough). */
export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZero++;
      if (head[i + 1] === 0) oddZero++;
    }
    if (oddZero > n / 2 / 3 && evenZero === 0) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenZero > n / 2 / 3 && oddZero === 0) return { encoding: 'utf-16be', bomLength: 0 };
  }
  try {
    // `stream: true` tolerates a character cut off at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

/** Raised when bytes are not valid in the chosen encoding (the importer retries as Windows-1252). */
export class EncodingMismatch extends Error {
  constructor(readonly byteOffset: number) {
    super(`invalid UTF-8 near byte ${byteOffset}`);
  }
}

/**
 * Decodes byte chunks to text with LF line endings. Holds back a trailing CR until the next
 * chunk so a CRLF split across chunks becomes one LF.
 */
export class ChunkDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private pendingCr = false;
  private offset = 0;
  private tail = new Uint8Array(0);

  constructor(readonly encoding: TextEncodingName) {
    // Not `fatal` (much slower): invalid UTF-8 shows up as U+FFFD, checked in push().
    this.decoder = new TextDecoder(encoding, { ignoreBOM: false });
  }

  push(bytes: Uint8Array): string {
    const text = this.decoder.decode(bytes, { stream: true });
    this.check(text, bytes);
    this.offset += bytes.length;
    return this.normalize(text, false);
  }

  end(): string {
    const text = this.decoder.decode();
    this.check(text, new Uint8Array(0));
    return this.normalize(text, true);
  }

  /** U+FFFD in UTF-8 output that the bytes do not spell out (EF BF BD) means invalid UTF-8. */
  private check(text: string, bytes: Uint8Array): void {
    if (this.encoding === 'utf-8' && text.indexOf('\ufffd') !== -1) {
      // The previous chunk's last two bytes count too: EF BF BD may be split across chunks.
      const b = new Uint8Array(this.tail.length + bytes.length);
      b.set(this.tail);
      b.set(bytes, this.tail.length);
      let literal = false;
      for (let i = 0; i + 2 < b.length && !literal; i++) literal = b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd;
      if (!literal) throw new EncodingMismatch(this.offset);
    }
    if (bytes.length >= 2) this.tail = bytes.slice(bytes.length - 2);
    else if (bytes.length === 1) this.tail = Uint8Array.of(this.tail[this.tail.length - 1] ?? 0, bytes[0]);
  }

  private normalize(text: string, final: boolean): string {
    if (this.pendingCr) {
      text = '\r' + text;
      this.pendingCr = false;
    }
    if (!final && text.endsWith('\r')) {
      this.pendingCr = true;
      text = text.slice(0, -1);
    }
    return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  }
}
