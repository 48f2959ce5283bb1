// A yes/no question in the page's own dialog (the same in Electron and browser mode, and one a
// test can answer): "Replace the saved model?" before a save overwrites one. Resolves true only
// for the confirm button; Esc, the other button or closing it say no.
// Callers: ui/model-panel.ts.
import './model-confirm.css';

export interface ConfirmOptions {
  title: string;
  message: string;
  /** The confirm button's text. */
  yes: string;
  /** The other button's text. */
  no: string;
}

export function confirmDialog(o: ConfirmOptions): Promise<boolean> {
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.id = 'confirm-dialog';
  const h = document.createElement('h2');
  h.textContent = o.title;
  const p = document.createElement('p');
  p.textContent = o.message;
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const no = document.createElement('button');
  no.type = 'button';
  no.id = 'confirm-no';
  no.textContent = o.no;
  const yes = document.createElement('button');
  yes.type = 'button';
  yes.id = 'confirm-yes';
  yes.className = 'danger';
  yes.textContent = o.yes;
  buttons.append(no, yes);
  dialog.append(h, p, buttons);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    dialog.showModal();
    // The safe answer has the focus: Enter keeps the old model.
    no.focus();
  });
}
