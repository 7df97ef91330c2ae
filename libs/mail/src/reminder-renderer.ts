import { createHash } from 'node:crypto';
import {
  checkpointKind,
  DEADLINE_LABELS,
  DeliveryFailure,
  Digest,
  emailsOf,
  OutgoingMail,
  programmeOffices,
  PlainWeekdayNotice,
  plainWeekdayNoticeKey,
  ReminderRendererPort,
  returnNoticeKey,
  ReturnNotice,
  ReturnNoticeContext,
  RobotText,
  STAGE_LABELS,
} from '@app/domain';
import { checkpointInWords, escapeHtml, formatShanghai } from './format';
import { deadlineIcs } from './ics';

/** Whom a digest addresses, in the salutation: its programme's district or city office. */
function salutation(d: Digest): string {
  const offices = programmeOffices(d.programme);
  if (d.kind === 'expert') return `${d.to[0]?.name ?? ''}专家`;
  return d.kind === 'district' ? `${d.stations[0]?.districtName ?? d.districtCode}${offices.districtSuffix}` : offices.city;
}

/**
 * Text set in a robot's markdown. The robots' markdown has no escapes (a backslash would show), and
 * WeCom reads `<font …>` tags: angle brackets become full-width, the rest is shown as it is.
 */
const markdownText = (s: string): string => s.replace(/</g, '＜').replace(/>/g, '＞');

/**
 * Renders reminders as zh-CN e-mails: a subject that says the step and the deadline, plain-text
 * and HTML bodies listing the stations, the deadline as an .ics attachment, and a Message-ID
 * derived from the reminder's idempotency key (the same reminder always has the same id).
 */
export class ReminderRenderer implements ReminderRendererPort {
  private readonly domain: string;

  constructor(from: string) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  }

  messageId(key: string): string {
    return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}.reminder@${this.domain}>`;
  }

  /** What a digest says, whichever channel carries it: subject, lead, the stations, the closing line. */
  private digestParts(d: Digest) {
    const step = DEADLINE_LABELS[d.deadlineKey];
    const deadline = new Date(d.deadline);
    const when = formatShanghai(deadline);
    const overdue = checkpointKind(d.checkpoint) === 'after';
    const timing = overdue ? `已逾期 ${Math.max(1, -d.daysLeft)} 天` : d.daysLeft > 0 ? `还剩 ${d.daysLeft} 天` : '今日截止';
    const districts = new Set(d.stations.map((s) => s.districtCode)).size;
    const subject =
      d.kind === 'escalation'
        ? `【督办】${d.roundName}：${step}逾期未完成（${districts}个区县，${d.stations.length}个站点）`
        : `【${overdue ? '逾期' : '提醒'}】${d.roundName}：${step}截止 ${when}（${timing}）`;
    const lead =
      d.kind === 'escalation'
        ? `“${step}”环节已于 ${when}（北京时间）截止，以下区县仍有 ${d.stations.length} 个站点未完成，请督促办理：`
        : d.kind === 'expert'
          ? `“${step}”环节${overdue ? '已于' : '将于'} ${when}（北京时间）截止，${timing}。指派给您的以下 ${d.stations.length} 个站点尚待您评审：`
          : `“${step}”环节将于 ${when}（北京时间）截止，${timing}。以下 ${d.stations.length} 个站点尚待办理：`;
    const closing = overdue
      ? `请尽快办理；确需延期的，请联系${programmeOffices(d.programme).city}调整截止日期。`
      : '请在截止前登录站点培育管理系统办理。已办理的，请忽略本提醒。';
    const rows = d.stations.map((s, i) => ({
      n: i + 1,
      name: s.name,
      district: s.districtName,
      stage: STAGE_LABELS[s.stage],
    }));
    return { when, timing, subject, lead, closing, rows };
  }

  /**
   * The digest as a group robot's markdown (WeCom, DingTalk, Feishu all read this subset: headings,
   * bold, ordered lists): the same salutation, lead, stations and closing as the mail; the subject
   * is the title, which each robot shows its own way (a heading, a card's header).
   */
  digestMarkdown(d: Digest): RobotText {
    const { when, timing, subject, lead, closing, rows } = this.digestParts(d);
    const markdown = [
      `${markdownText(salutation(d))}：`,
      `${markdownText(d.roundName)}：${markdownText(lead)}`,
      rows.map((r) => `${r.n}. ${markdownText(r.name)}（${markdownText(r.district)}，${r.stage}）`).join('\n'),
      `**截止时间：${when}（北京时间）**，${timing}。`,
      markdownText(closing),
      `> 本消息由站点培育管理系统自动发送（提醒时点：${d.checkpoint}）。`,
    ].join('\n\n');
    return { title: subject, markdown };
  }

  digest(d: Digest): OutgoingMail {
    const { when, timing, subject, lead, closing, rows } = this.digestParts(d);
    const text = [
      `${salutation(d)}：`,
      '',
      `${d.roundName}：${lead}`,
      '',
      ...rows.map((r) => `${r.n}. ${r.name}（${r.district}，${r.stage}）`),
      '',
      closing,
      '',
      `本邮件由站点培育管理系统自动发送（提醒时点：${checkpointInWords(d.checkpoint)}）。截止时间见附件日历文件。`,
    ].join('\n');
    const html = [
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>',
      escapeHtml(subject),
      "</title></head><body style=\"font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222\">",
      `<p>${escapeHtml(salutation(d))}：</p>`,
      `<p>${escapeHtml(d.roundName)}：${escapeHtml(lead)}</p>`,
      '<table style="border-collapse:collapse" cellpadding="6" border="1">',
      '<thead><tr><th>序号</th><th>站点名称</th><th>所属区县</th><th>当前环节</th></tr></thead><tbody>',
      ...rows.map(
        (r) => `<tr><td>${r.n}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.district)}</td><td>${escapeHtml(r.stage)}</td></tr>`,
      ),
      '</tbody></table>',
      `<p><strong>截止时间：${escapeHtml(when)}（北京时间）</strong>，${escapeHtml(timing)}。</p>`,
      `<p>${escapeHtml(closing)}</p>`,
      `<p style="color:#888;font-size:12px">本邮件由站点培育管理系统自动发送（提醒时点：${escapeHtml(checkpointInWords(d.checkpoint))}）。截止时间见附件日历文件。</p>`,
      '</body></html>',
    ].join('');
    return {
      messageId: this.messageId(d.key),
      to: emailsOf(d.to),
      cc: d.cc,
      subject,
      text,
      html,
      ics: this.deadlineAttachment(d),
    };
  }

  deliveryFailure(f: DeliveryFailure, to: string[]): OutgoingMail {
    const step = DEADLINE_LABELS[f.digest.deadlineKey];
    const when = formatShanghai(new Date(f.digest.deadline));
    const robot = f.channel && f.channel !== 'mail' ? f.channel : null;
    // the district by name where the activity found it (a clerk does not read codes)
    const district = !f.digest.districtCode ? '' : f.districtName ? `${f.districtName}的` : `区县 ${f.digest.districtCode} 的`;
    const subject = `【投递失败】${f.digest.roundName}：${step}提醒未能送达 ${f.recipients.join('、') || '（无收件人）'}`;
    const text = [
      `${programmeOffices(f.digest.programme).city}：`,
      '',
      `${f.digest.roundName}“${step}”环节（截止 ${when}）的提醒${robot ? `消息未能发送到${district}` : `邮件未能送达${district}联系人：`}${f.recipients.join('、') || '（该区县未设置联系人）'}。`,
      `${robot ? '失败原因' : '邮件服务器答复'}：${f.error}`,
      '',
      robot
        ? '系统不会再次发送此提醒。请核对群机器人的 Webhook 地址和签名密钥（管理员可在系统中修改区县联系人），并电话通知相关单位。'
        : '系统不会再次发送此提醒。请核对联系人邮箱（管理员可在系统中修改区县联系人），并电话通知相关单位。',
    ].join('\n');
    return this.noticeMail(`${f.reminderKey}|failure`, to, subject, text, f.digest);
  }

  /**
   * To admins (or the city office): a year is missing from the work calendar, so a round's
   * reminders in it are planned as plain Monday–Friday. Sent once per year; the .ics is the
   * deadline of the first reminder affected.
   */
  plainWeekdayYear(n: PlainWeekdayNotice, to: string[]): OutgoingMail {
    const step = DEADLINE_LABELS[n.deadlineKey];
    const subject = `【工作日历】${n.year} 年节假日安排尚未录入，提醒暂按周一至周五安排`;
    const text = [
      '系统管理员：',
      '',
      `工作日历中还没有 ${n.year} 年的节假日安排（国务院办公厅通常在上一年 11 月前后发布）。在录入之前，${n.year} 年的提醒按普通周一至周五安排，可能落在春节等假期内。`,
      `首个受影响的提醒：${n.roundName}“${step}”环节（截止 ${formatShanghai(new Date(n.deadline))}），计划于 ${formatShanghai(new Date(n.sendAt))} 发送。`,
      '',
      `请在通知发布后，于管理页面或通过 PUT /api/work-calendar/${n.year} 录入该年的放假日和调休上班日；录入后各批次的提醒自动按新日历安排，批次页面上的提示随之消失。`,
      '',
      `本邮件每个年份只发送一次。`,
    ].join('\n');
    return this.noticeMail(plainWeekdayNoticeKey(n.year), to, subject, text, n);
  }

  /**
   * A station sent back (退回修改): to the station (from its district) or to the district (from the
   * city), with the reason and what to do; the .ics is the deadline of the step it is back in.
   */
  returnNotice(n: ReturnNotice, c: ReturnNoticeContext): OutgoingMail {
    const offices = programmeOffices(c.programme);
    const toStation = n.returned.toStage === 'application';
    const from = toStation ? `${c.districtName}${offices.districtSuffix}` : offices.city;
    const subject = `【退回修改】${c.roundName}：${n.stationName}`;
    const todo = toStation
      ? '请登录站点培育管理系统，按上述意见修改申报材料后重新提交。'
      : '请登录站点培育管理系统，按上述意见补充或修改后重新推荐。';
    const deadline = n.deadline ? `本环节截止时间：${formatShanghai(new Date(n.deadline))}（北京时间）。` : '';
    const text = [
      `${toStation ? `${n.stationName}联系人` : `${c.districtName}${offices.districtSuffix}`}：`,
      '',
      `${c.roundName}中的站点“${n.stationName}”已被${from}退回修改（${formatShanghai(new Date(n.returned.at))}，经办：${n.returned.by}），` +
        `由“${STAGE_LABELS[n.returned.fromStage]}”退回至“${STAGE_LABELS[n.returned.toStage]}”。`,
      `退回意见：${n.returned.reason}`,
      '',
      todo,
      ...(deadline ? [deadline] : []),
      '',
      '本邮件由站点培育管理系统自动发送。',
    ].join('\n');
    const key = returnNoticeKey(n);
    const paragraphs = text
      .split('\n')
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('');
    return {
      messageId: this.messageId(key),
      to: c.to,
      cc: [],
      subject,
      text,
      html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${paragraphs}</body></html>`,
      ics:
        n.deadline && n.deadlineKey
          ? this.deadlineAttachment({ roundId: n.roundId, roundName: c.roundName, deadlineKey: n.deadlineKey, deadline: n.deadline })
          : undefined,
    };
  }

  /** A notice's text as a robot's markdown: its paragraphs, escaped; the closing line says "message", not "mail". */
  noticeMarkdown(mail: OutgoingMail): RobotText {
    const paragraphs = mail.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => markdownText(l.replace(/^本邮件/, '本消息')));
    return { title: mail.subject, markdown: paragraphs.join('\n\n') };
  }

  /** A plain notice (no station table): its text as paragraphs, and the deadline it concerns as an .ics. */
  private noticeMail(
    key: string,
    to: string[],
    subject: string,
    text: string,
    deadline: Parameters<ReminderRenderer['deadlineAttachment']>[0],
  ): OutgoingMail {
    const paragraphs = text
      .split('\n')
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('');
    return {
      messageId: this.messageId(key),
      to,
      cc: [],
      subject,
      text,
      html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${paragraphs}</body></html>`,
      ics: this.deadlineAttachment(deadline),
    };
  }

  /** The deadline as an .ics event; its UID names the round's deadline, so a moved deadline updates the same event. */
  private deadlineAttachment(d: Pick<Digest, 'roundId' | 'roundName' | 'deadlineKey' | 'deadline'>): OutgoingMail['ics'] {
    const step = DEADLINE_LABELS[d.deadlineKey];
    const deadline = new Date(d.deadline);
    return {
      filename: `${d.deadlineKey}-deadline.ics`,
      content: deadlineIcs({
        uid: `${createHash('sha256').update(`${d.roundId}|${d.deadlineKey}`).digest('hex').slice(0, 32)}@${this.domain}`,
        summary: `【截止】${d.roundName}：${step}`,
        description: `${d.roundName}“${step}”环节截止（北京时间 ${formatShanghai(deadline)}）。`,
        deadline,
      }),
    };
  }
}
