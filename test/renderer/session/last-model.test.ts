import { describe, expect, it } from 'vitest';

import { modelNameSchema } from '../../../shared/api/contract';
import { lastModelName, rememberModel, sourceKey } from '../../../renderer/src/session/last-model';

describe('the last model of each source', () => {
  it('keys a source by its kind and label', () => {
    expect(sourceKey({ kind: 'serial', label: '/dev/ttyACM0 @ 115200' })).toBe('serial:/dev/ttyACM0 @ 115200');
    expect(sourceKey({ kind: null, label: 'No source' })).toBeNull();
  });

  it('names its model readably, one name per source, valid as a model name', () => {
    const a = lastModelName('serial:/dev/ttyACM0 @ 115200');
    const b = lastModelName('serial:/dev/ttyACM0 @ 9600');
    expect(a).toMatch(/^last-_dev_ttyACM0_+115200-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(lastModelName('demo:Demo')).toMatch(/^last-Demo-/);
    for (const name of [a, b, lastModelName(`serial:${'x'.repeat(300)}`), lastModelName('replay:C:\\logs\\a b.csv')]) expect(modelNameSchema.safeParse(name).success).toBe(true);
  });

  it('keeps the newest 100 sources', () => {
    let map: Record<string, string> = {};
    for (let i = 0; i < 120; i++) map = rememberModel(map, `k${i}`, `m${i}`);
    map = rememberModel(map, 'k50', 'again');
    expect(Object.keys(map)).toHaveLength(100);
    expect(map.k19).toBeUndefined();
    expect(map.k50).toBe('again');
    expect(Object.keys(map).at(-1)).toBe('k50');
  });
});
