// Page-test helpers shared by the Chromium tests: polling what the page shows until a condition
// holds (a timeout says what it showed last), dropping a file onto the page and typing a number
// as a user would.
// Callers: test/renderer/*.test.ts.
import type { Page } from 'playwright-core';

/** Reads the page with `read` every `everyMs` until `ok`; throws with the last reading after `timeoutMs`. */
export async function pollPage<T>(page: Page, read: (page: Page) => Promise<T>, what: string, ok: (v: T) => boolean, timeoutMs: number, everyMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read(page);
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(0, 1500)}`);
    await page.waitForTimeout(everyMs);
    last = await read(page);
  }
  return last;
}

/** Drops a text file named `name` onto the page (dragenter, then drop), as a user's drag would. */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'text/csv' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
}

/** Sets a number input the way a user does (type, then leave the field). */
export async function setNumber(page: Page, id: string, value: number): Promise<void> {
  await page.fill(`#${id}`, String(value));
  await page.dispatchEvent(`#${id}`, 'change');
}
