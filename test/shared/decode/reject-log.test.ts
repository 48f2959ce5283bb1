import { describe, expect, it } from 'vitest';

import { RejectLog } from '../../../shared/decode/reject-log';

describe('RejectLog: noise (a wrong baud rate) told apart from text', () => {
  it('control bytes and over-long lines with no samples look like noise; text does not', () => {
    const noise = new RejectLog();
    for (let i = 0; i < 5; i++) noise.rejected(i % 2 ? 'binary' : 'overflow');
    expect(noise.looksLikeNoise()).toBe(true);
    const text = new RejectLog();
    for (let i = 0; i < 20; i++) text.rejected('non-numeric', 'Failed to read from DHT sensor!');
    expect(text.looksLikeNoise()).toBe(false);
    expect(text.describe()).toBe('20 lines could not be read; the last: "Failed to read from DHT sensor!", "Failed to read from DHT sensor!", "Failed to read from DHT sensor!"');
  });

  it('samples in the window: not noise; a sample restarts the count of text lines', () => {
    const r = new RejectLog();
    for (let i = 0; i < 9; i++) r.rejected('binary');
    r.samples(1);
    expect(r.looksLikeNoise()).toBe(false);
    r.rejected('non-numeric', 'DHTxx test!');
    r.samples(3);
    expect(r.textSinceSample).toBe(0);
    r.resetWindow();
    expect(r.windowNoise + r.windowText + r.windowSamples).toBe(0);
  });

  it('shows the last few lines, each cut short, so the message stays bounded', () => {
    const r = new RejectLog({ keep: 2, maxShown: 20 });
    r.rejected('non-numeric', 'first');
    r.rejected('non-numeric', 'x'.repeat(5000));
    r.rejected('non-numeric', 'Requesting temperatures...DONE');
    expect(r.describe()).toBe(`3 lines could not be read; the last: "${'x'.repeat(19)}…", "Requesting temperat…"`);
    r.reset();
    expect(r.describe()).toBe('0 lines could not be read');
  });

  it('keeps the last lines across samples, for a count the caller gives (record reports lines between samples)', () => {
    const r = new RejectLog();
    r.rejected('non-numeric', 'Failed to read from DHT sensor!');
    r.samples(5);
    expect(r.describe(1)).toBe('1 line could not be read; the last: "Failed to read from DHT sensor!"');
  });
});
