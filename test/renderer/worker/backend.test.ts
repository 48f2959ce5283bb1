// The LSTM trainer the page's backend choice asks for (renderer/src/worker/backend.ts trainerFor):
// WebGL by hand trains with tfjs on WebGL, auto lets the engine measure, the rest keep the kernel.
import { describe, expect, it } from 'vitest';

import { trainerFor } from '../../../renderer/src/worker/backend';

describe('trainerFor', () => {
  it('maps each choice and the backend it got to a trainer', () => {
    expect(trainerFor('webgl', 'webgl')).toBe('tfjs');
    expect(trainerFor('auto', 'webgl')).toBe('auto');
    expect(trainerFor('auto', 'wasm')).toBe('auto');
    expect(trainerFor('wasm', 'wasm')).toBe('kernel');
    expect(trainerFor('cpu', 'cpu')).toBe('kernel');
    // WebGL chosen but not started (the worker fell back): tfjs on wasm or cpu is no one's choice.
    expect(trainerFor('webgl', 'wasm')).toBe('kernel');
  });
});
