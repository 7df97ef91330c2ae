import { ApiError } from './api.js';
import { h } from './dom.js';

/**
 * A form described as data. It checks that required fields are filled, sends its body, and puts
 * each validation message of the API (`details` of `{ statusCode, code, message, details }`) next
 * to the field it names; what names no field goes to the form's alert at the top.
 *
 * spec: {
 *   id, title?, intro?, submitLabel, danger?,
 *   fields: [Field],
 *   toBody?: (values) => body,          // values: nested object built from the fields' dotted names
 *   submit: (body) => Promise<result>,
 *   done?: (result) => void,
 *   reasonFields?: { [reasonRuleOrCode]: fieldName },  // issues that carry a rule instead of a field
 * }
 * Field: { name, label, type: text|password|textarea|date|number|select|radio|checkbox|checkboxes|group, required?, hint?, autocomplete?,
 *          value?, options?: [{ value, label }], parse?: bool|lines, placeholder?, inputmode?,
 *          fields? (group) }
 */
export function form(spec) {
  const controls = [];
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: ['button', spec.danger ? 'button-danger' : 'button-primary'] }, spec.submitLabel);
  const el = h(
    'form',
    { class: 'form', novalidate: true, 'data-form': spec.id },
    spec.title ? h('h3', {}, spec.title) : null,
    spec.intro ? h('p', { class: 'hint' }, spec.intro) : null,
    alert,
    spec.fields.map((f) => renderField(f, spec.id, controls)),
    h('div', { class: 'form-actions' }, button),
  );

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(controls, alert);
    const values = {};
    const missing = [];
    for (const c of controls) {
      const v = read(c);
      if (c.field.required && (v === undefined || (Array.isArray(v) && v.length === 0))) missing.push(c);
      else if (v !== undefined) setPath(values, c.field.name, v);
    }
    if (missing.length > 0) {
      for (const c of missing) showError(c, ['radio', 'select'].includes(c.field.type) ? '请选择一项' : '请填写此项');
      showAlert(alert, '请补全标出的必填项。', []);
      focusFirst(missing);
      return;
    }
    const label = button.textContent;
    button.disabled = true;
    button.textContent = '提交中…';
    try {
      const result = await spec.submit(spec.toBody ? spec.toBody(values) : values);
      spec.done?.(result);
    } catch (e) {
      if (e?.cancelled) return; // the person said no to a confirmation
      if (!(e instanceof ApiError)) throw e;
      const unplaced = [];
      const placed = [];
      for (const issue of issuesOf(e)) {
        const c = controlFor(controls, issue, spec.reasonFields);
        if (c) {
          showError(c, issue.message);
          placed.push(c);
        } else unplaced.push(issue.message);
      }
      // With the details at their fields, the headline of the message is enough (`不符合申报条件：…`).
      showAlert(alert, placed.length ? e.message.split('：')[0] : e.message, unplaced);
      focusFirst(placed);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return el;
}

/** The API's `details` as `{ field, key, message }`: domain issues, `path message` strings, eligibility reasons. */
export function issuesOf(error) {
  const details = Array.isArray(error.details) ? error.details : [];
  return details.map((d) => {
    if (typeof d === 'string') {
      // `field: message`, `field：message` (zh-CN) or `field message` (class-validator)
      const m = /^([A-Za-z_][\w.]*)(:\s*|：|\s+)([\s\S]+)$/.exec(d);
      if (!m) return { field: null, message: d };
      return { field: m[1], message: /^[:：]/.test(m[2]) ? m[3] : d };
    }
    if (d && typeof d === 'object')
      return { field: d.field ?? d.path ?? null, key: d.rule ?? d.code ?? null, message: d.message ?? JSON.stringify(d) };
    return { field: null, message: String(d) };
  });
}

/** A field matches its full dotted name or a tail of it (a nested validator names `platform.evidence`). */
function controlFor(controls, issue, reasonFields = {}) {
  const name = issue.field ?? reasonFields[issue.key];
  if (!name) return null;
  return (
    controls.find((c) => c.field.name === name || c.field.name.endsWith(`.${name}`)) ??
    controls.find((c) => c.field.name.startsWith(`${name}.`)) ??
    null
  );
}

function renderField(field, formId, controls) {
  if (field.type === 'group') {
    return h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, field.label),
      field.hint ? h('p', { class: 'hint' }, field.hint) : null,
      field.fields.map((f) => renderField(f, formId, controls)),
    );
  }
  const id = `${formId}-${field.name.replace(/[^\w-]/g, '-')}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
  const described = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  const required = field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, '*') : null;
  let inputs;
  let body;
  if (field.type === 'radio' || field.type === 'checkboxes') {
    // checkboxes: several of the options, `value` the list of those checked
    const chosen = (o) => (field.type === 'radio' ? String(field.value) === String(o.value) : (field.value ?? []).includes(o.value));
    inputs = field.options.map((o) =>
      h('input', {
        type: field.type === 'radio' ? 'radio' : 'checkbox',
        name: id,
        value: o.value,
        checked: chosen(o),
        'aria-describedby': described,
      }),
    );
    body = h(
      'fieldset',
      { class: 'choices', 'data-field': field.name },
      h('legend', {}, field.label, required),
      h(
        'div',
        { class: 'choice-row' },
        field.options.map((o, i) => h('label', { class: 'choice' }, inputs[i], o.label)),
      ),
      hint,
      error,
    );
  } else if (field.type === 'checkbox') {
    inputs = [h('input', { type: 'checkbox', id, checked: !!field.value, 'aria-describedby': described })];
    body = h(
      'div',
      { class: 'field field-check', 'data-field': field.name },
      h('label', { class: 'choice' }, inputs[0], field.label),
      hint,
      error,
    );
  } else {
    const common = {
      id,
      name: id,
      'aria-describedby': described,
      placeholder: field.placeholder,
      inputmode: field.inputmode,
      autocomplete: field.autocomplete,
    };
    let input;
    if (field.type === 'textarea') input = h('textarea', { ...common, rows: field.rows ?? 3 });
    else if (field.type === 'select') {
      input = h(
        'select',
        common,
        field.options.map((o) => h('option', { value: o.value, selected: String(field.value ?? '') === String(o.value) }, o.label)),
      );
    } else input = h('input', { ...common, type: field.type ?? 'text' });
    if (field.type !== 'select' && field.value !== undefined && field.value !== null) input.value = String(field.value);
    inputs = [input];
    body = h('div', { class: 'field', 'data-field': field.name }, h('label', { for: id }, field.label, required), input, hint, error);
  }
  controls.push({ field, inputs, error, wrap: body });
  return body;
}

function read({ field, inputs }) {
  if (field.type === 'checkbox') return inputs[0].checked;
  if (field.type === 'checkboxes') return inputs.filter((i) => i.checked).map((i) => i.value);
  const raw = field.type === 'radio' ? (inputs.find((i) => i.checked)?.value ?? '') : inputs[0].value;
  // A password is taken as typed: its spaces are part of it.
  if (field.type === 'password') return raw === '' ? undefined : raw;
  const v = raw.trim();
  if (field.parse === 'lines')
    return v
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  if (v === '') return undefined;
  if (field.parse === 'bool') return v === 'true';
  if (field.type === 'number') return Number.isFinite(Number(v)) ? Number(v) : v;
  return v;
}

function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((k, i) => {
    node[k] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    node = node[k];
  });
  node[keys.at(-1)] = value;
}

function showError(control, message) {
  control.error.textContent = message;
  control.error.hidden = false;
  control.wrap.classList.add('invalid');
  for (const i of control.inputs) i.setAttribute('aria-invalid', 'true');
}

function showAlert(alert, message, more) {
  alert.replaceChildren(h('strong', {}, message));
  if (more.length)
    alert.append(
      h(
        'ul',
        {},
        more.map((m) => h('li', {}, m)),
      ),
    );
  alert.hidden = false;
}

function clear(controls, alert) {
  alert.hidden = true;
  for (const c of controls) {
    c.error.hidden = true;
    c.error.textContent = '';
    c.wrap.classList.remove('invalid');
    for (const i of c.inputs) i.removeAttribute('aria-invalid');
  }
}

function focusFirst(controls) {
  controls[0]?.inputs[0]?.focus();
}

/** A form folded behind its title, for pages that offer several actions at once. */
export function foldable(title, formEl, { open = false, id } = {}) {
  return h('details', { class: 'action', open, 'data-action': id }, h('summary', {}, title), formEl);
}
