import { get, request } from './api.js';
import { empty, h, section, table } from './dom.js';
import { contactFields, contactsBody, ROBOT_KINDS } from './contact-fields.js';
import { foldable, form } from './forms.js';

const ROBOT_LABEL = Object.fromEntries(ROBOT_KINDS.map((k) => [k.value, k.label]));
/** Contacts a district may list at once in the form (the API takes up to 50; the page offers three). */
const SLOTS = 3;

/**
 * Districts and whom their reminders reach (#/districts): each contact's e-mail and group robot
 * (the robot's URL and secret as the API shows them, masked), and a form to change them. A
 * district sees and edits its own; admin and city every district.
 */
export async function districtsView(ctx) {
  const all = await get('/api/districts');
  const { me } = ctx;
  const districts = me.role === 'district' ? all.filter((d) => d.code === me.districtCode) : all;
  return h(
    'div',
    { class: 'page' },
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, h('h1', {}, '区县联系人'), h('p', { class: 'muted' }, '提醒发送到联系人的电子邮箱和群机器人（企业微信、钉钉、飞书）。')),
    ),
    districts.length === 0
      ? empty('没有可查看的区县')
      : districts.map((d) =>
          section(
            `${d.name}（${d.code}）`,
            d.contacts.length ? contactsTable(d.contacts) : empty('尚未设置联系人：该区县收不到提醒'),
            foldable('修改联系人', contactsForm(d, ctx), { id: `contacts-${d.code}` }),
          ),
        ),
  );
}

function contactsTable(contacts) {
  return table(
    [
      { label: '姓名', cell: (c) => c.name },
      { label: '电子邮箱', cell: (c) => c.email ?? '—' },
      { label: '群机器人', cell: (c) => (c.webhook ? `${ROBOT_LABEL[c.webhook.kind] ?? c.webhook.kind} ${c.webhook.url}` : '—') },
    ],
    contacts,
  );
}

function contactsForm(district, ctx) {
  const slots = Array.from({ length: Math.max(SLOTS, district.contacts.length) }, (_, i) => district.contacts[i] ?? {});
  return form({
    id: `contacts-${district.code}`,
    fields: slots.map((c, i) => ({
      type: 'group',
      label: `联系人 ${i + 1}`,
      fields: contactFields(`contacts.${i}`, c, { nameRequired: false }),
    })),
    submitLabel: '保存联系人',
    toBody: (values) => ({ contacts: contactsBody(values.contacts ?? []) }),
    submit: (body) => request('PUT', `/api/districts/${district.code}/contacts`, body),
    done: () => {
      ctx.toast('联系人已保存');
      void ctx.refresh();
    },
  });
}
