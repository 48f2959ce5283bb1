import { describe, expect, it } from 'vitest';

import { EngineError, errorValue, expectedError, toAppError, toFailure, wordError, wordOptions } from '../../shared/errors';
import { train } from '../../shared/model';
import { EngineError as FacadeEngineError } from '../../shared/model';

describe('toAppError: anything thrown, as the value that crosses a boundary', () => {
  it('keeps the code, message and hint of engine and data errors', () => {
    expect(toAppError(new EngineError('BAD_HORIZON', 'horizon 0', 'pass e.g. --horizon 12'))).toEqual({ code: 'BAD_HORIZON', message: 'horizon 0', hint: 'pass e.g. --horizon 12' });
    expect(toAppError(new EngineError('FILE_NOT_FOUND', 'No such file: x.csv'))).toEqual({ code: 'FILE_NOT_FOUND', message: 'No such file: x.csv', hint: 'Check the file path.' });
    expect(toAppError(new EngineError('CANCELLED', 'stopped'))).toEqual({ code: 'CANCELLED', message: 'stopped' });
  });

  it('knows them across realms (a structured clone keeps name, code, message)', () => {
    expect(toAppError({ name: 'EngineError', code: 'NAN_LOSS', message: 'loss is NaN' })).toEqual({ code: 'NAN_LOSS', message: 'loss is NaN' });
    expect(toAppError({ name: 'EngineError', code: 'PORT_BUSY', message: 'busy', hint: 'close it' })).toEqual({ code: 'PORT_BUSY', message: 'busy', hint: 'close it' });
  });

  it('turns a bug into `internal` (or the caller\'s code) with its message; expectedError says null', () => {
    expect(toAppError(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toAppError('plain string', 'OPEN_FAILED')).toEqual({ code: 'OPEN_FAILED', message: 'plain string' });
    expect(expectedError(new Error('bug'))).toBeNull();
  });

  it('one type for every expected failure: a code\'s default hint, a value and back, a failed Result', () => {
    const busy = errorValue('PORT_BUSY', '/dev/ttyACM0 is busy');
    expect(busy.hint).toMatch(/close it/);
    const thrown = EngineError.from(busy);
    expect(thrown).toBeInstanceOf(EngineError);
    expect(thrown.toValue()).toEqual(busy);
    expect(toAppError(thrown)).toEqual(busy);
    expect(new EngineError('BAD_FILE', 'x', 'a better hint').hint).toBe('a better hint');
    expect(new EngineError('NAN_LOSS', 'loss is NaN').toValue()).toEqual({ code: 'NAN_LOSS', message: 'loss is NaN' });
    expect(toFailure(new RangeError('bad index'), 'save-failed')).toEqual({ ok: false, error: { code: 'save-failed', message: 'bad index' } });
  });

  it('the model facade re-exports the same class', () => {
    expect(FacadeEngineError).toBe(EngineError);
  });
});

describe('options in error texts are worded per front end', () => {
  it('replaces {option} by the front end\'s name for it, and leaves other braces alone', () => {
    expect(wordOptions('use {window} 35 or less', (o) => `--${o}`)).toBe('use --window 35 or less');
    expect(wordOptions('use {window} 35 or less', () => 'a window length')).toBe('use a window length 35 or less');
    expect(wordOptions('a {"json": 1} value', () => 'x')).toBe('a {"json": 1} value');
    expect(wordError({ code: 'BAD_OPTION', message: '{test-from} is 5', hint: 'pass {horizon} 3' }, (o) => `--${o}`)).toEqual({ code: 'BAD_OPTION', message: '--test-from is 5', hint: 'pass --horizon 3' });
  });

  it('the engine never speaks a front end\'s language: no CLI flag in its hints', async () => {
    const values = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i / 3));
    const err = (await train({ table: { time: null, intervalMs: null, channels: [{ name: 'y', values }] }, target: 'y' }, { horizon: 3, window: 50 }).catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('BAD_OPTION');
    expect(`${err.message} ${err.hint}`).not.toMatch(/--[a-z]/);
    expect(err.hint).toMatch(/\{window\}/);
  });
});
