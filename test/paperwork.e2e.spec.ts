import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import * as sample from '../apps/api/src/attachments/testing/sample-files';
import { eventually } from './support/eventually';
import { bearer, send } from './support/http';
import { RunningService } from './support/service';
import { OTHER_DISTRICT, OWN_DISTRICT, SIX_HAVES, World } from './support/world';

jest.setTimeout(300_000);

const MAX_MB = 1;

/** A multipart upload: the file and the text fields. */
function upload(
  bytes: Buffer,
  name: string,
  fields: Record<string, string> = { purpose: 'application' },
  type = 'application/pdf',
): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

/**
 * The paperwork of a real round over HTTP against the real service (shared/API.md, "The paperwork
 * of a real round"): attachments typed by content, capped in size and scoped like their station;
 * editing an application while it is a draft or sent back; returns from the district and the city
 * with their notice; the comment thread; the mid-term review; the city's evaluation per have.
 */
describe.each(TEST_DATABASE_KINDS)('the paperwork of a round on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;
  let w: World;
  let roundId: string;
  const tokens = { district: '', otherDistrict: '', city: '' };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    svc = new RunningService({ databaseUrl: db.url, env: { ATTACHMENT_MAX_MB: String(MAX_MB), RATE_LIMIT_PER_MINUTE: '100000' } });
    await svc.start();
    w = new World(svc);
    roundId = await w.round();
    tokens.district = (await w.token('district', { districtCode: OWN_DISTRICT })).token;
    tokens.otherDistrict = (await w.token('district', { districtCode: OTHER_DISTRICT })).token;
    tokens.city = (await w.token('city')).token;
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });

  const post = (path: string, form: FormData, token: string) => send(svc, 'POST', path, { form, authorization: bearer(token) });
  const as = (token: string, method: string, path: string, json?: unknown) =>
    send(svc, method, path, { authorization: bearer(token), json });

  describe('attachments', () => {
    it('stores a file by its hash, lists it, and serves it only as a download', async () => {
      const id = await w.station(roundId, 'application');
      const bytes = sample.pdf();
      const created = await post(
        `/api/stations/${id}/attachments`,
        upload(bytes, '申请书（盖章）.pdf', { purpose: 'application', note: '盖章页' }),
        tokens.district,
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: '申请书（盖章）.pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        contentType: 'application/pdf',
        purpose: 'application',
        have: null,
        uploadedBy: expect.any(String),
        uploadedAt: expect.any(String),
      });

      const list = await as(tokens.district, 'GET', `/api/stations/${id}/attachments`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);

      const res = await fetch(`${svc.baseUrl}/api/attachments/${created.body.id}`, { headers: { authorization: bearer(tokens.district) } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('申请书（盖章）')}.pdf`);
    });

    it('accepts Word, Excel and images by their content, with evidence for one have', async () => {
      const id = await w.station(roundId, 'cultivation');
      const files: [Buffer, string, string][] = [
        [await sample.docx(), '制度汇编.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        [await sample.xlsx(), '台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        [sample.doc(), '旧版制度.doc', 'application/msword'],
        [sample.xls(), '旧版台账.xls', 'application/vnd.ms-excel'],
        [sample.png(), '场地.png', 'image/png'],
        [sample.jpeg(), '牌匾.jpg', 'image/jpeg'],
      ];
      for (const [bytes, name, type] of files) {
        const r = await post(
          `/api/stations/${id}/attachments`,
          upload(bytes, name, { purpose: 'self_assessment', have: 'rules' }),
          tokens.district,
        );
        expect([name, r.status, r.body.contentType, r.body.have]).toEqual([name, 201, type, 'rules']);
      }
    });

    it('refuses a program renamed .pdf (415), a file above the limit (413), a bad purpose or no file (400), and keeps nothing', async () => {
      const id = await w.station(roundId, 'application');
      const exe = await post(`/api/stations/${id}/attachments`, upload(sample.exe(), '申请书.pdf'), tokens.district);
      expect([exe.status, exe.body.code]).toEqual([415, 'ATTACHMENT.TYPE_NOT_ALLOWED']);
      expect(exe.body.message).toMatch(/文件类型不支持/);
      const zip = await post(`/api/stations/${id}/attachments`, upload(sample.plainZip(), '材料.docx'), tokens.district);
      expect([zip.status, zip.body.code]).toEqual([415, 'ATTACHMENT.TYPE_NOT_ALLOWED']);

      const big = Buffer.concat([sample.pdf(), Buffer.alloc(MAX_MB * 1024 * 1024, 0x20)]);
      const tooLarge = await post(`/api/stations/${id}/attachments`, upload(big, '扫描件.pdf'), tokens.district);
      expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(tooLarge.body.message).toContain(`${MAX_MB} MB`);

      const badPurpose = await post(
        `/api/stations/${id}/attachments`,
        upload(sample.pdf(), 'a.pdf', { purpose: 'invoice' }),
        tokens.district,
      );
      expect([badPurpose.status, badPurpose.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const noFile = new FormData();
      noFile.append('purpose', 'application');
      const none = await post(`/api/stations/${id}/attachments`, noFile, tokens.district);
      expect([none.status, none.body.code]).toEqual([400, 'VALIDATION_FAILED']);

      expect((await as(tokens.district, 'GET', `/api/stations/${id}/attachments`)).body.items).toEqual([]);
      // nothing of the refused uploads is left in the store's temporary area
      const tmp = path.join(svc.dataDir, 'files', 'tmp');
      await eventually(
        async () => fs.readdirSync(tmp),
        (left) => left.length === 0,
      );
    });

    it("hides another district's files (404) and refuses its uploads (403)", async () => {
      const id = await w.station(roundId, 'application');
      const created = await post(`/api/stations/${id}/attachments`, upload(sample.pdf(), '申请书.pdf'), tokens.district);
      expect(created.status).toBe(201);
      const other = tokens.otherDistrict;
      expect((await as(other, 'GET', `/api/attachments/${created.body.id}`)).status).toBe(404);
      expect((await as(other, 'GET', `/api/stations/${id}/attachments`)).status).toBe(404);
      expect((await as(other, 'DELETE', `/api/attachments/${created.body.id}`)).status).toBe(404);
      const refused = await post(`/api/stations/${id}/attachments`, upload(sample.pdf(), '越权.pdf'), other);
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await as(tokens.district, 'GET', `/api/attachments/not-a-uuid`)).status).toBe(404);
    });

    it('lets only those who act in the step upload, and the uploader delete while that step is open', async () => {
      const id = await w.station(roundId, 'application');
      const station = (await w.token('station', { stationId: id })).token;
      const mine = await post(`/api/stations/${id}/attachments`, upload(sample.pdf(), '站点材料.pdf'), station);
      expect(mine.status).toBe(201);
      const districts = await post(
        `/api/stations/${id}/attachments`,
        upload(sample.pdf(), '区县材料.pdf', { purpose: 'other' }),
        tokens.district,
      );
      expect(districts.status).toBe(201);
      // the list says to each caller what DELETE would allow
      const mayDelete = async (token: string) =>
        Object.fromEntries(
          (await as(token, 'GET', `/api/stations/${id}/attachments`)).body.items.map((a: { name: string; mayDelete: boolean }) => [
            a.name,
            a.mayDelete,
          ]),
        );
      expect(await mayDelete(station)).toEqual({ '站点材料.pdf': true, '区县材料.pdf': false });
      expect(await mayDelete(tokens.district)).toEqual({ '站点材料.pdf': false, '区县材料.pdf': true });
      expect(await mayDelete(svc.adminToken)).toEqual({ '站点材料.pdf': true, '区县材料.pdf': true });
      expect((await as(tokens.district, 'DELETE', `/api/attachments/${mine.body.id}`)).status).toBe(403);
      expect((await as(station, 'DELETE', `/api/attachments/${mine.body.id}`)).status).toBe(204);
      expect((await as(station, 'GET', `/api/attachments/${mine.body.id}`)).status).toBe(404);

      await w.ok('POST', `/api/stations/${id}/submission`, {});
      // in recommendation the district acts, the station no more; the district's own file is from a closed step
      const late = await post(`/api/stations/${id}/attachments`, upload(sample.pdf(), '补充.pdf'), station);
      expect([late.status, late.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(await mayDelete(tokens.district)).toEqual({ '区县材料.pdf': false });
      const gone = await as(tokens.district, 'DELETE', `/api/attachments/${districts.body.id}`);
      expect([gone.status, gone.body.code]).toEqual([409, 'STATION.WRONG_STAGE']);
      expect((await send(svc, 'DELETE', `/api/attachments/${districts.body.id}`, { authorization: bearer(svc.adminToken) })).status).toBe(
        204,
      );
      // the city may add files in any step
      expect(
        (await post(`/api/stations/${id}/attachments`, upload(sample.pdf(), '市级材料.pdf', { purpose: 'other' }), tokens.city)).status,
      ).toBe(201);
    });
  });

  describe('editing an application', () => {
    it('changes a draft field by field, validated as at submission, and is refused after submission (409)', async () => {
      const id = await w.station(roundId, 'application');
      const edited = await as(tokens.district, 'PATCH', `/api/stations/${id}/application`, {
        hostUnit: '新的承担单位',
        contact: { name: '李四', phone: '023-87654321', email: 'lisi@example.org' },
      });
      expect(edited.status).toBe(200);
      expect([edited.body.stage, edited.body.application.hostUnit, edited.body.application.contact.name]).toEqual([
        'application',
        '新的承担单位',
        '李四',
      ]);
      expect(edited.body.application.stationName).toBeDefined();

      const badPhone = await as(tokens.district, 'PATCH', `/api/stations/${id}/application`, {
        contact: { name: '李四', phone: 'call me' },
      });
      expect([badPhone.status, badPhone.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(badPhone.body.message).not.toMatch(/must be/);
      const blank = await as(tokens.district, 'PATCH', `/api/stations/${id}/application`, { stationName: '' });
      expect([blank.status, blank.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const move = await as(tokens.district, 'PATCH', `/api/stations/${id}/application`, { districtCode: OTHER_DISTRICT });
      expect([move.status, move.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await as(tokens.otherDistrict, 'PATCH', `/api/stations/${id}/application`, { hostUnit: '越权' })).status).toBe(403);

      await w.ok('POST', `/api/stations/${id}/submission`, {});
      const before = await w.stationState(id);
      const late = await as(tokens.district, 'PATCH', `/api/stations/${id}/application`, { hostUnit: '提交后修改' });
      expect([late.status, late.body.code]).toEqual([409, 'STATION.WRONG_STAGE']);
      expect(late.body.message).not.toMatch(/recommendation|application/);
      expect(await w.stationState(id)).toEqual(before);

      const star = await w.starStation(await w.starRound(), 'self_score');
      const registration = await as(tokens.district, 'PATCH', `/api/stations/${star}/application`, { hostUnit: '星级站点' });
      expect([registration.status, registration.body.code]).toEqual([409, 'STATION.WRONG_STAGE']);
    });
  });

  describe('the file store', () => {
    it('sweeps the bytes of deleted attachments once they are a day old, only when asked in so many words', async () => {
      const id = await w.station(roundId, 'application');
      // bytes of their own, so that no other spec's attachment shares them
      const unique = (label: string) => Buffer.concat([sample.pdf(), Buffer.from(`\n% ${label} ${id}\n`)]);
      const kept = await post(`/api/stations/${id}/attachments`, upload(unique('kept'), '保留.pdf'), tokens.district);
      const gone = await post(`/api/stations/${id}/attachments`, upload(unique('gone'), '删除.pdf'), tokens.district);
      expect([kept.status, gone.status]).toEqual([201, 201]);
      expect((await as(tokens.district, 'DELETE', `/api/attachments/${gone.body.id}`)).status).toBe(204);
      const blob = (sha256: string) => path.join(svc.dataDir, 'files', sha256.slice(0, 2), sha256);
      expect(fs.existsSync(blob(gone.body.sha256))).toBe(true);

      // a fresh deletion is left alone (an upload stores its bytes a moment before its record)
      const fresh = await as(svc.adminToken, 'POST', '/api/admin/files/sweep', { dryRun: false });
      expect(fresh.status).toBe(200);
      expect(fs.existsSync(blob(gone.body.sha256))).toBe(true);

      const dayAgo = new Date(Date.now() - 25 * 3600_000);
      for (const a of [kept, gone]) fs.utimesSync(blob(a.body.sha256), dayAgo, dayAgo);
      const dry = await as(svc.adminToken, 'POST', '/api/admin/files/sweep', {});
      // only the deleted one: the kept file is referenced, other deletions are younger than a day
      expect(dry.body).toMatchObject({ dryRun: true, files: 1, bytes: gone.body.size, partialUploads: 0 });
      expect(fs.existsSync(blob(gone.body.sha256))).toBe(true);

      const swept = await as(svc.adminToken, 'POST', '/api/admin/files/sweep', { dryRun: false });
      expect(swept.body).toMatchObject({ dryRun: false, files: dry.body.files, bytes: dry.body.bytes });
      expect(fs.existsSync(blob(gone.body.sha256))).toBe(false);
      expect(fs.existsSync(blob(kept.body.sha256))).toBe(true);
      expect((await as(tokens.district, 'GET', `/api/attachments/${kept.body.id}`)).status).toBe(200);
      expect((await as(tokens.city, 'POST', '/api/admin/files/sweep', { dryRun: false })).status).toBe(403);
      const line = (await w.ok('GET', '/api/audit?targetId=file-store&limit=1')).items[0];
      expect(line).toMatchObject({ action: 'files.sweep', details: { dryRun: false, files: dry.body.files } });
    });
  });

  describe('returns (退回修改)', () => {
    it('sends an application back to its station with a mail, which edits and submits it again', async () => {
      const id = await w.station(roundId, 'recommendation');
      const back = await as(tokens.district, 'POST', `/api/stations/${id}/return`, { reason: '缺少单位盖章页，请补充后重新提交' });
      expect(back.status).toBe(200);
      expect(back.body.stage).toBe('application');
      expect(back.body.returned).toMatchObject({
        reason: '缺少单位盖章页，请补充后重新提交',
        fromStage: 'recommendation',
        at: expect.any(String),
      });
      const detail = await eventually(
        () => w.ok('GET', `/api/stations/${id}`),
        (s) => s.stage === 'application' && s.returned !== null,
      );
      expect(detail.returned.fromStage).toBe('recommendation');

      const mail = await eventually(
        () => w.ok('GET', '/api/outbox?limit=50'),
        (page) => page.items.some((m: { subject: string }) => m.subject.includes('【退回修改】') && m.subject.includes(detail.name)),
      );
      const notice = mail.items.find((m: { subject: string }) => m.subject.includes(detail.name));
      expect(notice.to).toEqual(['zhangsan@example.org']);

      expect((await as(tokens.district, 'PATCH', `/api/stations/${id}/application`, { hostUnit: '补充盖章页后的承担单位' })).status).toBe(
        200,
      );
      const again = await as(tokens.district, 'POST', `/api/stations/${id}/submission`, {});
      expect([again.status, again.body.stage, again.body.returned]).toEqual([200, 'recommendation', null]);
      // exactly one notice for the one return
      const after = await w.ok('GET', '/api/outbox?limit=50');
      expect(after.items.filter((m: { subject: string }) => m.subject.includes(detail.name))).toHaveLength(1);
    });

    it('lets the city send a recommendation back to its district, and refuses returns in other stages (409) or by others (403)', async () => {
      const filing = await w.station(roundId, 'filing');
      const byDistrict = await as(tokens.district, 'POST', `/api/stations/${filing}/return`, { reason: '区县不能在备案阶段退回' });
      expect([byDistrict.status, byDistrict.body.code]).toEqual([403, 'FORBIDDEN']);
      const back = await as(tokens.city, 'POST', `/api/stations/${filing}/return`, { reason: '推荐意见不完整' });
      expect([back.status, back.body.stage, back.body.returned.fromStage]).toEqual([200, 'recommendation', 'filing']);

      const cultivation = await w.station(roundId, 'cultivation');
      const before = await w.stationState(cultivation);
      const wrong = await as(tokens.city, 'POST', `/api/stations/${cultivation}/return`, { reason: '培育阶段不能退回' });
      expect([wrong.status, wrong.body.code]).toEqual([409, 'STATION.WRONG_STAGE']);
      expect(wrong.body.message).toContain('培育');
      expect(await w.stationState(cultivation)).toEqual(before);
      const noReason = await as(tokens.city, 'POST', `/api/stations/${filing}/return`, {});
      expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('comments', () => {
    it('keeps a thread per station, oldest first, for everyone who sees it', async () => {
      const id = await w.station(roundId, 'recommendation');
      const first = await as(tokens.district, 'POST', `/api/stations/${id}/comments`, { text: '请补充场地照片。\n谢谢！' });
      expect(first.status).toBe(201);
      const second = await as(tokens.city, 'POST', `/api/stations/${id}/comments`, { text: '已收到' });
      expect(second.body.items.map((c: { text: string }) => c.text)).toEqual(['请补充场地照片。\n谢谢！', '已收到']);
      expect(second.body.items[0]).toMatchObject({ author: expect.any(String), role: 'district', createdAt: expect.any(String) });
      const read = await as(tokens.district, 'GET', `/api/stations/${id}/comments`);
      expect(read.body.items).toHaveLength(2);
      expect((await as(tokens.otherDistrict, 'GET', `/api/stations/${id}/comments`)).status).toBe(404);
      expect((await as(tokens.otherDistrict, 'POST', `/api/stations/${id}/comments`, { text: '越权' })).status).toBe(403);
      for (const text of ['', '   ', 'x'.repeat(2001)]) {
        const bad = await as(tokens.district, 'POST', `/api/stations/${id}/comments`, { text });
        expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await as(tokens.district, 'GET', `/api/stations/${id}/comments`)).body.items).toHaveLength(2);
    });
  });

  describe("the mid-term review and the city's evaluation", () => {
    it('takes one mid-term review in cultivation (another only from the city), and the evaluation per have with the level', async () => {
      const id = await w.station(roundId, 'cultivation');
      const review = await as(tokens.district, 'POST', `/api/stations/${id}/mid-term-review`, {
        sixHaves: SIX_HAVES,
        summary: '中期进展良好',
      });
      expect([review.status, review.body.midTermReviews.length]).toEqual([200, 1]);
      const twice = await as(tokens.district, 'POST', `/api/stations/${id}/mid-term-review`, { sixHaves: SIX_HAVES, summary: '再评' });
      expect([twice.status, twice.body.code]).toEqual([409, 'STATION.MID_TERM_DONE']);
      const added = await as(tokens.city, 'POST', `/api/stations/${id}/mid-term-review`, {
        sixHaves: SIX_HAVES,
        summary: '市级追加评估',
        additional: true,
      });
      expect([added.status, added.body.midTermReviews.length]).toEqual([200, 2]);

      await w.ok('POST', `/api/stations/${id}/self-assessment`, { sixHaves: SIX_HAVES, summary: '自评' });
      const evaluated = await as(tokens.city, 'POST', `/api/stations/${id}/evaluation`, {
        passed: true,
        sixHaves: SIX_HAVES,
        level: 'district',
      });
      expect(evaluated.status).toBe(200);
      expect([evaluated.body.stage, evaluated.body.level, evaluated.body.evaluation.level]).toEqual([
        'publication',
        'district',
        'district',
      ]);
      expect(evaluated.body.evaluation.sixHaves.platform.status).toBe('met');
      const wrong = await as(tokens.city, 'POST', `/api/stations/${id}/mid-term-review`, { sixHaves: SIX_HAVES, summary: '太晚了' });
      expect([wrong.status, wrong.body.code]).toEqual([409, 'STATION.WRONG_STAGE']);
    });
  });

  describe('the to-do list (GET /api/me/tasks)', () => {
    it('lists what waits on the caller, overdue first, scoped, with returns marked', async () => {
      const past = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const lateRound = await w.round({ deadlines: { ...w.roundBody().deadlines, recommendation: past } });
      const own = await w.token('district', { districtCode: OWN_DISTRICT });
      const late = await w.station(lateRound, 'recommendation');
      const onTime = await w.station(roundId, 'recommendation');
      const sentBack = await w.station(roundId, 'recommendation');
      await w.ok('POST', `/api/stations/${sentBack}/return`, { reason: '请补充材料' });
      const filing = await w.station(roundId, 'filing');
      const elsewhere = await w.station(roundId, 'recommendation', OTHER_DISTRICT);
      await eventually(
        () => w.ok('GET', `/api/stations/${late}`),
        (s) => s.overdue === true,
      );

      type Task = { stationId: string; action: string; overdue: boolean; deadline: string | null; returned?: { reason: string } };
      const mine = (await as(own.token, 'GET', '/api/me/tasks')).body.items as Task[];
      const ids = mine.map((t) => t.stationId);
      expect(ids).toEqual(expect.arrayContaining([late, onTime, sentBack]));
      expect(ids).not.toContain(elsewhere);
      expect(ids).not.toContain(filing);
      expect(mine[0].overdue).toBe(true);
      const overdueFirst = mine.findIndex((t) => !t.overdue);
      expect(mine.slice(overdueFirst).every((t) => !t.overdue)).toBe(true);
      expect(mine.find((t) => t.stationId === late)).toMatchObject({ action: 'recommend', overdue: true, deadline: expect.any(String) });
      expect(mine.find((t) => t.stationId === sentBack)).toMatchObject({ action: 'revise', returned: { reason: '请补充材料' } });

      const city = (await as(tokens.city, 'GET', '/api/me/tasks')).body.items as Task[];
      expect(city.find((t) => t.stationId === filing)).toMatchObject({
        action: 'file',
        roundName: expect.any(String),
        programme: 'six-haves',
      });
      expect(city.map((t) => t.stationId)).not.toContain(onTime);

      const station = await w.token('station', { stationId: sentBack });
      const itself = (await as(station.token, 'GET', '/api/me/tasks')).body.items as Task[];
      expect(itself.map((t) => [t.stationId, t.action])).toEqual([[sentBack, 'revise']]);
    });
  });
});
