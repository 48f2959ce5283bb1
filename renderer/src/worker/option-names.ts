// How the page names the engine's options in its error texts ({horizon} in shared/ -> "the Horizon
// field"): the page's wording of shared/errors.ts `wordOptions`. Options the page has no control
// for are named by what they are. Called by forecast-worker.ts for every error it posts.
import { toAppError, wordError } from '../../../shared/errors';
import type { AppError } from '../../../shared/api/contract';

const NAMES: Record<string, string> = {
  horizon: 'the Horizon field',
  column: 'the target channel',
  covariates: 'the covariate channels',
  period: 'a season length',
  window: 'a window length',
  budget: 'a time budget',
};

/** Anything thrown in the worker, as the AppError the page shows, worded for the page. */
export function pageError(err: unknown): AppError {
  return wordError(toAppError(err), (option) => NAMES[option] ?? option);
}
