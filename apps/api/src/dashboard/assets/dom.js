/**
 * A tiny element builder. Every text goes in as a text node (never as HTML), so whatever users
 * typed into an application is shown, not run.
 *
 *   h('a', { href: '#/', class: 'link', onclick: fn }, '首页', child, [more, children])
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'style') for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A titled section of a page. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** What a list shows when it has nothing. */
export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

/** A definition list from [label, value] pairs; pairs whose value is empty are left out. */
export function facts(pairs) {
  const items = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
  return h(
    'dl',
    { class: 'facts' },
    items.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/**
 * A table that turns into labelled cards at phone width: each cell carries its column's name.
 * `columns`: [{ label, cell: (row) => node|string, class? }]
 */
export function table(columns, rows, { rowClass, caption } = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { class: rowClass?.(row) },
            columns.map((c) => h('td', { 'data-label': c.label, class: c.class }, c.cell(row))),
          ),
        ),
      ),
    ),
  );
}

/** A coloured label. */
export function badge(text, kind = '') {
  return h('span', { class: ['badge', kind && `badge-${kind}`] }, text);
}
