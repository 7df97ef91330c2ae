import { ApiError } from './api.js';
import { h } from './dom.js';

/** Thrown by a form's submit when the person cancels a confirmation: the form then does nothing. */
export class Cancelled extends Error {
  constructor() {
    super('已取消');
    this.cancelled = true;
  }
}

/**
 * Asks before a decision that closes a station (不予推荐, 不予备案, 评估不通过, 撤回): a modal that
 * names the station, the decision and the reason given. Resolves true on 确认, false otherwise.
 */
export function confirmClosing({ title, station, reason, confirmLabel = '确认' }) {
  return confirmDialog({
    title,
    lines: [`站点：${station.name}`, '此决定将结束该站点在本批次的培育，提交后不能撤销。', `理由：${reason}`],
    confirmLabel,
  });
}

/** A modal question with 取消 (focused) and a danger button; resolves true on the latter. */
export function confirmDialog({ title, lines, confirmLabel = '确认' }) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'button button-danger', 'data-confirm': 'yes' }, confirmLabel);
    const no = h('button', { type: 'button', class: 'button', 'data-confirm': 'no' }, '取消');
    const dialog = h(
      'dialog',
      { class: 'confirm-dialog', 'aria-labelledby': 'confirm-title', 'data-testid': 'confirm' },
      h('h2', { id: 'confirm-title' }, title),
      lines.map((line) => h('p', {}, line)),
      h('div', { class: 'confirm-actions' }, no, yes),
    );
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** A refusal shaped like the API's, so that the form shows it at the field: `{ field, message }`. */
export function fieldProblem(field, message) {
  return new ApiError(400, { code: 'VALIDATION_FAILED', message: `请求数据有误：${message}`, details: [{ field, message }] });
}
