// The file panel: Open CSV (a native dialog in Electron, the file picker in browser mode) and
// drag and drop anywhere on the page; the file is uploaded, imported by main and charted.
// Callers: main.ts builds it; ui/menu.ts runs its Open action.
import { MAX_UPLOAD_BYTES, type CsvDialect, type TableWire } from '../../../shared/api/contract';
import { decodeTable } from '../../../shared/api/wire';

import { uploadFile } from '../api/upload';
import type { App } from '../app';
import { byId, toast, unwrap } from './dom';
import type { SourcePanel } from './source-panel';

export class FilePanel {
  constructor(
    private readonly app: App,
    private readonly source: SourcePanel,
  ) {
    byId('open-file').addEventListener('click', () => void this.open());
    byId<HTMLInputElement>('file-input').addEventListener('change', (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file) void this.importFile(file);
      (e.target as HTMLInputElement).value = '';
    });
    this.installDrop();
  }

  /** Asks for a file: a native dialog in Electron, the browser's file picker otherwise. */
  async open(): Promise<void> {
    const { api } = this.app;
    if (this.app.mode === 'electron') {
      const chosen = unwrap(await api.chooseFile({ kind: 'data' }));
      if (!chosen?.path) return;
      const result = unwrap(await api.importFile({ path: chosen.path }));
      if (result) this.show(result.name, result.table, result.dialect);
      return;
    }
    byId<HTMLInputElement>('file-input').click();
  }

  /** Puts a file on screen and selects the File tab, so the controls say what is shown. */
  private show(name: string, table: TableWire, dialect?: CsvDialect): void {
    this.app.showFile(name, decodeTable(table), dialect ?? null);
    this.source.showKind('file');
  }

  private async importFile(file: File): Promise<void> {
    if (file.size > MAX_UPLOAD_BYTES) return toast({ code: 'too-large', message: `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the page takes files up to ${MAX_UPLOAD_BYTES / 1e6} MB.`, hint: 'Use `sensorcast forecast` on the command line for larger logs, or open the file with Open CSV in the desktop app.' });
    if (file.size === 0) return toast({ code: 'BAD_FILE', message: `${file.name} is empty.` });
    const result = unwrap(await uploadFile(this.app.api, file, file.name));
    if (!result) return;
    this.show(result.name, result.table, result.dialect);
    if (result.notes.length) toast(result.notes.slice(0, 3).join(' · '), 'info');
  }

  private installDrop(): void {
    // Drag and drop anywhere on the page; never let the browser navigate to the file (FAULTS 29).
    const overlay = byId('drop-overlay');
    let depth = 0;
    window.addEventListener('dragenter', (e) => {
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => {
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (file) void this.importFile(file);
    });
  }
}
