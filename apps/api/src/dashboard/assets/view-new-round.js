import { get } from './api.js';
import { h } from './dom.js';
import { starRoundForm } from './round-form-star.js';
import { newRoundForm } from './round-forms.js';

/**
 * A new round: first the programme, then that programme's form (its own dates and settings). The
 * choice is kept in the address (`#/rounds/new?programme=star-rating`) so a reload keeps it.
 */
export async function newRoundView(ctx) {
  const programmes = await get('/api/programmes');
  const chosen = programmes.find((p) => p.key === ctx.query.programme) ?? programmes[0];
  const picker = h(
    'fieldset',
    { class: 'choices programme-picker', 'data-testid': 'programme-picker' },
    h('legend', {}, '培育标准'),
    h(
      'div',
      { class: 'choice-row' },
      programmes.map((p) =>
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'radio',
            name: 'programme',
            value: p.key,
            checked: p.key === chosen.key,
            onchange: () => ctx.go(`#/rounds/new?programme=${encodeURIComponent(p.key)}`),
          }),
          `${p.name}（${p.city}）`,
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, '新建批次'),
    h('section', { class: 'card' }, picker, chosen.evaluation.kind === 'star-rating' ? starRoundForm(ctx, chosen) : newRoundForm(ctx)),
  );
}
