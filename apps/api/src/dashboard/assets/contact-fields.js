/**
 * The fields of one contact (a round's city contact, a district's): a name, an e-mail, and a group
 * robot (企业微信/钉钉/飞书) with its webhook URL and, for robots that sign, the secret. At least
 * one of e-mail and robot; the API says which is missing. A robot shown by the API is masked (the
 * URL's key and the secret as ******): saved back unchanged, the stored ones are kept.
 */
export const ROBOT_KINDS = [
  { value: '', label: '不使用群机器人' },
  { value: 'wecom', label: '企业微信群机器人' },
  { value: 'dingtalk', label: '钉钉群机器人' },
  { value: 'feishu', label: '飞书群机器人' },
];

export function contactFields(prefix, contact = {}, { nameRequired = true } = {}) {
  return [
    { name: `${prefix}.name`, label: '姓名', required: nameRequired, value: contact.name },
    { name: `${prefix}.email`, label: '电子邮箱', type: 'email', value: contact.email, hint: '电子邮箱与群机器人至少填写一项' },
    ...robotFields(prefix, contact.webhook),
  ];
}

/** A group robot's fields (the kind, the webhook URL, the signing secret) of the contact at `prefix`. */
export function robotFields(prefix, webhook) {
  return [
    { name: `${prefix}.webhook.kind`, label: '群机器人', type: 'select', options: ROBOT_KINDS, value: webhook?.kind ?? '' },
    {
      name: `${prefix}.webhook.url`,
      label: 'Webhook 地址',
      value: webhook?.url,
      placeholder: '粘贴群机器人的 Webhook 地址',
      hint: '在群设置中添加自定义机器人后复制；地址含密钥，保存后只显示打码后的地址',
    },
    {
      name: `${prefix}.webhook.secret`,
      label: '签名密钥（可选）',
      value: webhook?.secret,
      hint: '钉钉“加签”或飞书“签名校验”的密钥；企业微信不需要',
    },
  ];
}

/** The contacts as the API takes them: a robot only when one was chosen, empty contacts left out. */
export function contactsBody(list = []) {
  return list
    .filter((c) => c && (c.name || c.email || c.webhook?.url))
    .map((c) => {
      const { webhook, ...rest } = c;
      return webhook?.kind || webhook?.url ? { ...rest, webhook } : rest;
    });
}
