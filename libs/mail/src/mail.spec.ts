import { Digest, MailDeliveryError } from '@app/domain';
import { deadlineIcs, foldLine } from './ics';
import { ReminderRenderer } from './reminder-renderer';
import { classify } from './smtp-mailer';

const digest = (patch: Partial<Digest> = {}): Digest => ({
  key: 'r1|selfAssessment|2024-09-30T15:59:59.000Z|before:P7D|district:500103',
  kind: 'district',
  roundId: 'r1',
  roundName: '重庆市2023年培育批次',
  programme: 'six-haves',
  districtCode: '500103',
  to: [{ name: '渝中', email: 'yz@example.org' }],
  cc: ['station@example.org'],
  deadlineKey: 'selfAssessment',
  deadline: '2024-09-30T15:59:59.000Z',
  checkpoint: 'before:P7D',
  daysLeft: 7,
  stations: [
    { id: 's1', name: '解放碑<劳动>服务站', districtCode: '500103', districtName: '渝中区', stage: 'cultivation', contactEmail: null },
  ],
  ...patch,
});

describe('ReminderRenderer', () => {
  const renderer = new ReminderRenderer('站点培育 <noreply@stations.example>');

  it('says the step, the deadline in Beijing time and the days left, in zh-CN', () => {
    const mail = renderer.digest(digest());
    expect(mail.subject).toBe('【提醒】重庆市2023年培育批次：自评截止 2024年9月30日 23:59（还剩 7 天）');
    expect(mail.text).toContain('渝中区协调劳动关系三方办公室：');
    expect(mail.text).toContain('1. 解放碑<劳动>服务站（渝中区，培育）');
    expect(mail.to).toEqual(['yz@example.org']);
    expect(mail.cc).toEqual(['station@example.org']);
  });

  it('escapes station names in the HTML body', () => {
    const { html } = renderer.digest(digest());
    expect(html).toContain('<td>解放碑&lt;劳动&gt;服务站</td>');
    expect(html).not.toContain('<劳动>');
  });

  it('marks overdue reminders and escalations', () => {
    expect(renderer.digest(digest({ checkpoint: 'after:P1D', daysLeft: -8 })).subject).toMatch(/^【逾期】.*已逾期 8 天/);
    expect(renderer.digest(digest({ kind: 'escalation', checkpoint: 'after:P1D', districtCode: null })).subject).toBe(
      '【督办】重庆市2023年培育批次：自评逾期未完成（1个区县，1个站点）',
    );
  });

  it('gives the same reminder the same Message-ID and another reminder another one', () => {
    const a = renderer.digest(digest());
    expect(renderer.digest(digest()).messageId).toBe(a.messageId);
    expect(a.messageId).toMatch(/^<[0-9a-f]{40}\.reminder@stations\.example>$/);
    expect(renderer.digest(digest({ key: `${digest().key}x` })).messageId).not.toBe(a.messageId);
  });

  it('attaches the deadline as an iCalendar event', () => {
    const ics = renderer.digest(digest()).ics!;
    expect(ics.filename).toBe('selfAssessment-deadline.ics');
    expect(ics.content).toContain('DTSTART:20240930T155959Z');
    expect(ics.content.split('\r\n')[0]).toBe('BEGIN:VCALENDAR');
  });

  it('renders the notice of an undeliverable reminder for the city office', () => {
    const mail = renderer.deliveryFailure(
      { reminderKey: digest().key, digest: digest(), recipients: ['bad@example.org'], error: '550 mailbox unavailable' },
      ['city@example.org'],
    );
    expect(mail.subject).toBe('【投递失败】重庆市2023年培育批次：自评提醒未能送达 bad@example.org');
    expect(mail.text).toContain('550 mailbox unavailable');
    expect(mail.to).toEqual(['city@example.org']);
    expect(mail.text.split('\n')[0]).toBe('市协调劳动关系三方办公室：');
  });

  describe('names the offices of the round’s programme', () => {
    const hangzhou = (patch: Partial<Digest> = {}) =>
      digest({
        programme: 'star-rating',
        roundName: '杭州市2024年服务站星级评定',
        deadlineKey: 'selfScore',
        districtCode: '330106',
        stations: [
          { id: 's1', name: '西溪服务站', districtCode: '330106', districtName: '西湖区', stage: 'self_score', contactEmail: null },
        ],
        ...patch,
      });
    const chongqingNames = /三方/;

    it('a district digest of a Hangzhou round addresses the district union', () => {
      const mail = renderer.digest(hangzhou());
      expect(mail.text.split('\n')[0]).toBe('西湖区总工会：');
      expect(mail.html).toContain('<p>西湖区总工会：</p>');
      expect(`${mail.text}${mail.html}`).not.toMatch(chongqingNames);
    });

    it('an overdue reminder, an escalation and a delivery failure of a Hangzhou round name the city union’s department', () => {
      const overdue = renderer.digest(hangzhou({ checkpoint: 'after:P1D', daysLeft: -1 }));
      expect(overdue.text).toContain('确需延期的，请联系市总工会劳动关系部调整截止日期。');
      const escalation = renderer.digest(hangzhou({ kind: 'escalation', checkpoint: 'after:P1D', districtCode: null, daysLeft: -1 }));
      expect(escalation.text.split('\n')[0]).toBe('市总工会劳动关系部：');
      const failure = renderer.deliveryFailure({ reminderKey: 'k', digest: hangzhou(), recipients: ['bad@example.org'], error: '550' }, [
        'city@example.org',
      ]);
      expect(failure.text.split('\n')[0]).toBe('市总工会劳动关系部：');
      for (const mail of [overdue, escalation, failure]) expect(`${mail.text}${mail.html}`).not.toMatch(chongqingNames);
    });

    it('a Chongqing round keeps the tripartite offices', () => {
      expect(renderer.digest(digest({ checkpoint: 'after:P1D', daysLeft: -1 })).text).toContain(
        '请联系市协调劳动关系三方办公室调整截止日期。',
      );
      expect(renderer.digest(digest({ kind: 'escalation', districtCode: null })).text.split('\n')[0]).toBe('市协调劳动关系三方办公室：');
    });
  });
});

describe('iCalendar', () => {
  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'站'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('escapes commas, semicolons and newlines in text', () => {
    const ics = deadlineIcs({ uid: 'u@x', summary: 'a,b;c', description: 'x\ny', deadline: new Date('2024-01-01T00:00:00Z') });
    expect(ics).toContain('SUMMARY:a\\,b\\;c');
    expect(ics).toContain('DESCRIPTION:x\\ny');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

describe('SMTP failures', () => {
  it('treats 5xx as permanent and connection errors or 4xx as transient', () => {
    const permanent = classify(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 no such user' }));
    expect(permanent).toBeInstanceOf(MailDeliveryError);
    expect(permanent).toMatchObject({ permanent: true, responseCode: 550, message: '550 5.1.1 no such user' });
    expect(classify(Object.assign(new Error('x'), { responseCode: 451 })).permanent).toBe(false);
    expect(classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' })).permanent).toBe(false);
  });
});
