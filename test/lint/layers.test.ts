// The process layers of STYLE.md are enforced by ESLint: a deliberate violation must fail lint.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'shared/violation.ts'],
    ["import { readFileSync } from 'fs';\nexport const f = readFileSync;\n", 'shared/violation.ts'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'shared/violation.ts'],
    ["import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n", 'shared/violation.ts'],
    ["import { Chart } from 'chart.js';\nexport const c = Chart;\n", 'shared/violation.ts'],
    ["import { x } from '../main/sources/x';\nexport const y = x;\n", 'shared/violation.ts'],
    ["import { x } from '../renderer/src/x';\nexport const y = x;\n", 'main/violation.ts'],
    ["import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'renderer/src/violation.ts'],
    ["import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'renderer/src/violation.ts'],
    ["import { x } from '../../main/sources/x';\nexport const y = x;\n", 'renderer/src/violation.ts'],
  ])('rejects %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toContain('no-restricted-imports');
  });

  it('accepts tfjs and shared imports in shared/', async () => {
    const code = "import * as tf from '@tensorflow/tfjs';\nimport { PRODUCT_NAME } from './version';\nexport const n = [tf, PRODUCT_NAME];\n";
    expect(await ruleIds(code, 'shared/ok.ts')).toEqual([]);
  });
});
