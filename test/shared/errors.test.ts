import { describe, expect, it } from 'vitest';

import { EngineError, expectedError, toAppError } from '../../shared/errors';
import { EngineError as FacadeEngineError } from '../../shared/model';
import { DataException, dataError } from '../../shared/source-status';

describe('toAppError: anything thrown, as the value that crosses a boundary', () => {
  it('keeps the code, message and hint of engine and data errors', () => {
    expect(toAppError(new EngineError('BAD_HORIZON', 'horizon 0', 'pass e.g. --horizon 12'))).toEqual({ code: 'BAD_HORIZON', message: 'horizon 0', hint: 'pass e.g. --horizon 12' });
    expect(toAppError(new DataException(dataError('FILE_NOT_FOUND', 'No such file: x.csv')))).toEqual({ code: 'FILE_NOT_FOUND', message: 'No such file: x.csv', hint: 'Check the file path.' });
    expect(toAppError(new EngineError('CANCELLED', 'stopped'))).toEqual({ code: 'CANCELLED', message: 'stopped' });
  });

  it('knows them across realms (a structured clone keeps name, code, message)', () => {
    expect(toAppError({ name: 'EngineError', code: 'NAN_LOSS', message: 'loss is NaN' })).toEqual({ code: 'NAN_LOSS', message: 'loss is NaN' });
    expect(toAppError({ name: 'DataException', code: 'PORT_BUSY', message: 'busy', hint: 'close it' })).toEqual({ code: 'PORT_BUSY', message: 'busy', hint: 'close it' });
  });

  it('turns a bug into `internal` (or the caller\'s code) with its message; expectedError says null', () => {
    expect(toAppError(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toAppError('plain string', 'OPEN_FAILED')).toEqual({ code: 'OPEN_FAILED', message: 'plain string' });
    expect(expectedError(new Error('bug'))).toBeNull();
  });

  it('the model facade re-exports the same class', () => {
    expect(FacadeEngineError).toBe(EngineError);
  });
});
