// The engine's errors, re-exported for the model's own files and the shared/model facade; the
// type itself lives in shared/errors.ts, below every stage of the pipeline.
export { EngineError, isEngineError, type EngineErrorCode } from '../errors';
