// Small DOM helpers: typed element lookup and the toast that shows errors with their hint.
// Callers: every ui/ module and app.ts.
import type { AppError, Result } from '../../../shared/api/contract';

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el as T;
}

/** The value of a result, or null after showing its error. */
export function unwrap<T>(r: Result<T>): T | null {
  if (r.ok) return r.value;
  toast(r.error);
  return null;
}

let toastTimer: ReturnType<typeof setTimeout> | null = null;

/** Shows an error (code, message, hint) or an info line for a few seconds. */
export function toast(error: AppError | string, kind: 'error' | 'info' = 'error'): void {
  const el = byId('toast');
  el.replaceChildren();
  el.className = `toast ${kind}`;
  const text = typeof error === 'string' ? error : error.message;
  const main = document.createElement('div');
  main.textContent = text;
  el.append(main);
  if (typeof error !== 'string') {
    el.dataset.code = error.code;
    if (error.hint) {
      const hint = document.createElement('div');
      hint.className = 'hint';
      hint.textContent = error.hint;
      el.append(hint);
    }
  } else delete el.dataset.code;
  el.hidden = false;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), kind === 'error' ? 9000 : 4000);
}

/** Formats a number for the UI with about 4 significant digits. */
export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/** Starts a download of text or a data URL (browser mode's save). */
export function download(name: string, data: string, type = 'text/csv'): void {
  const a = document.createElement('a');
  const url = data.startsWith('data:') ? data : URL.createObjectURL(new Blob([data], { type }));
  a.href = url;
  a.download = name;
  a.click();
  if (!data.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}
