// Test support: writes a large generated CSV without holding it in memory (for the importer's
// 1M-row test and the data benchmark).
//
// API:
//   await writeGeneratedCsv(path, 'time,a,b', 1_000_000, (i) => `${t0 + i * 1000},${i},${i % 7}`);
import { createWriteStream } from 'node:fs';

/** Writes `header`, then `rows` lines made by `row(i)`, in chunks of 10,000, honouring backpressure. */
export function writeGeneratedCsv(path: string, header: string, rows: number, row: (i: number) => string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('error', reject);
    out.write(`${header}\n`);
    let i = 0;
    const pump = () => {
      let ok = true;
      while (i < rows && ok) {
        let chunk = '';
        for (const end = Math.min(rows, i + 10_000); i < end; i++) chunk += `${row(i)}\n`;
        ok = out.write(chunk);
      }
      if (i < rows) out.once('drain', pump);
      else out.end(resolve);
    };
    pump();
  });
}
