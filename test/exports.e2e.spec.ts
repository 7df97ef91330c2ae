import * as ExcelJS from 'exceljs';
import { HAVE_KEYS, STAGE_LABELS } from '@app/domain';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { parseCsv, toCsv } from '../apps/api/src/exports/csv';
import { eventually } from './support/eventually';
import { actOn, applyFor, issueToken, RunningService } from './support/service';
import { World } from './support/world';

jest.setTimeout(240_000);

const ANNEX1_HEADERS = ['推荐站点名称', '所在地区', '承担单位', '培育单位', '经费来源', '建站时间', '备注', '联系人', '联系电话'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sixHaves = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k}：已达标` }]));

interface Download {
  status: number;
  type: string | null;
  disposition: string | null;
  body: Buffer;
}

/** The import report, or an error body. */
interface ImportReply {
  code?: string;
  message?: string;
  dryRun?: boolean;
  accepted?: number;
  rejected?: number;
  rows: { row: number; sheet?: string; status: string; stationId?: string; errors?: { field: string; message: string }[] }[];
}

/** The values of a worksheet's rows as text, from row 1. */
function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow(
    { includeEmpty: true },
    (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return rows;
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/**
 * Exports and bulk import through HTTP against the real service (dev server, worker, API, database):
 * the annex-1 summary per district in xlsx and csv, its scoping, the published list, and an
 * import with good and bad rows.
 */
describe.each(TEST_DATABASE_KINDS)('exports and bulk import on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    svc = new RunningService({ databaseUrl: db.url });
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });

  const get = async (url: string, token: string): Promise<Download> => {
    const res = await fetch(`${svc.baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      body: Buffer.from(await res.arrayBuffer()),
    };
  };
  const json = (d: Download) => JSON.parse(d.body.toString('utf8'));
  const upload = async (url: string, file: Buffer | null, token: string, field = 'file') => {
    const form = new FormData();
    if (file) form.append(field, new Blob([new Uint8Array(file)]), 'import.xlsx');
    const res = await fetch(`${svc.baseUrl}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as ImportReply };
  };

  it('exports the summary table per district and the published list, and imports applications row by row', async () => {
    const w = new World(svc);
    const code = w.unique('e2e-exports');
    const roundId = await w.round({ code, name: '2023年度培育批次' });
    const token = (role: string, extra: Record<string, string> = {}) => issueToken(svc, role, extra);
    const yz = await token('district', { districtCode: '500103' });
    const jb = await token('district', { districtCode: '500105' });
    const city = await token('city');

    const apply = (district: string, tok: string, name: string, extra = {}) => applyFor(svc, roundId, district, name, extra, tok);
    const act = (id: string, step: string, body: unknown, tok: string, status = 200) => actOn(svc, id, step, body, tok, status);
    const A = await apply('500103', yz, '解放碑劳动关系服务站', {
      location: '渝中区解放碑街道',
      cultivatingUnit: '渝中区总工会',
      fundingSource: '区财政专项经费',
      notes: '示范站点',
      contact: { name: '李四', phone: '023-63001234' },
    });
    const B = await apply('500103', yz, '朝天门职工之家', { funding: { sources: '街道经费' } });
    const C = await apply('500103', yz, '大坪调解工作室');
    const D = await apply('500105', jb, '观音桥劳动关系指导站');
    await apply('500105', jb, '江北区待推荐站');
    for (const [id, tok] of [
      [A, yz],
      [B, yz],
      [D, jb],
    ] as const)
      await act(id, 'recommendation', { recommended: true }, tok);
    await act(C, 'recommendation', { recommended: false, note: '材料不全' }, yz);

    // --- the summary table, xlsx, all districts (city): one annex-1 sheet per district
    const all = await get(`/api/rounds/${roundId}/exports/summary?format=xlsx`, city);
    expect(all.status).toBe(200);
    expect(all.type).toBe(XLSX);
    expect(all.disposition).toBe(
      `attachment; filename="${code}-summary.xlsx"; filename*=UTF-8''${encodeURIComponent(`${code}-推荐站点基本信息汇总表.xlsx`)}`,
    );
    const wb = await workbook(all.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['渝中区', '江北区']);
    const yzRows = rowsOf(wb.getWorksheet('渝中区')!);
    expect(yzRows[0][0]).toBe('推荐站点基本信息汇总表');
    expect(yzRows[1][0]).toBe('推荐区县：渝中区');
    expect(yzRows[2]).toEqual(ANNEX1_HEADERS);
    expect(yzRows.slice(3, 5)).toEqual([
      [
        '解放碑劳动关系服务站',
        '渝中区解放碑街道',
        '解放碑劳动关系服务站承担单位',
        '渝中区总工会',
        '区财政专项经费',
        '2021-05-01',
        '示范站点',
        '李四',
        '023-63001234',
      ],
      ['朝天门职工之家', '重庆市渝中区解放碑街道1号', '朝天门职工之家承担单位', '', '街道经费', '2021-05-01', '', '张三', '023-12345678'],
    ]);
    expect(yzRows[5][0]).toMatch(/^联系人：\s+电话：$/); // the annex's footer, to fill in by hand; C (not recommended) is not listed
    // 江北区: D only (the station still waiting for recommendation is not on the table), then the footer
    expect(
      rowsOf(wb.getWorksheet('江北区')!)
        .slice(3)
        .map((r) => r[0]),
    ).toEqual(['观音桥劳动关系指导站', expect.stringMatching(/^联系人：/)]);

    // --- csv: UTF-8 with BOM, one flat table with the district first
    const csv = await get(`/api/rounds/${roundId}/exports/summary?format=csv&districtCode=500105`, city);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${code}-推荐站点基本信息汇总表-江北区.csv`)}`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.toString('utf8')).toContain(`\uFEFF推荐区县,${ANNEX1_HEADERS.join(',')}\r\n`);
    expect(parseCsv(csv.body.toString('utf8'))).toEqual([
      ['推荐区县', ...ANNEX1_HEADERS],
      [
        '江北区',
        '观音桥劳动关系指导站',
        '重庆市渝中区解放碑街道1号',
        '观音桥劳动关系指导站承担单位',
        '',
        '',
        '2021-05-01',
        '',
        '张三',
        '023-12345678',
      ],
    ]);

    // --- scoping: a district gets its own table by default; another district's is FORBIDDEN, as for a station
    const own = await workbook((await get(`/api/rounds/${roundId}/exports/summary`, yz)).body);
    expect(own.worksheets.map((w) => w.name)).toEqual(['渝中区']);
    const other = await get(`/api/rounds/${roundId}/exports/summary?districtCode=500105`, yz);
    expect([other.status, json(other).code]).toEqual([403, 'FORBIDDEN']);
    const stationToken = await token('station', { stationId: A });
    const byStation = await get(`/api/rounds/${roundId}/exports/summary`, stationToken);
    expect([byStation.status, json(byStation).code]).toEqual([403, 'FORBIDDEN']);
    const badFormat = await get(`/api/rounds/${roundId}/exports/summary?format=pdf`, city);
    expect([badFormat.status, json(badFormat).code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await get(`/api/rounds/00000000-0000-0000-0000-000000000000/exports/summary`, city)).status).toBe(404);

    // --- ?include=all: every station of the district, with its status
    const everything = parseCsv((await get(`/api/rounds/${roundId}/exports/summary?format=csv&include=all`, yz)).body.toString('utf8'));
    expect(everything[0].at(-1)).toBe('当前状态');
    expect(everything.slice(1).map((r) => [r[1], r.at(-1)])).toEqual([
      ['解放碑劳动关系服务站', STAGE_LABELS.filing],
      ['朝天门职工之家', STAGE_LABELS.filing],
      ['大坪调解工作室', '未获推荐'],
    ]);

    // --- bulk import: the district's template, filled with good and bad rows
    const template = await get(`/api/rounds/${roundId}/imports/template?format=xlsx`, yz);
    expect(template.status).toBe(200);
    expect(template.disposition).toContain(encodeURIComponent(`${code}-批量申报导入模板-渝中区.xlsx`));
    const filled = await workbook(template.body);
    expect(filled.worksheets.map((w) => w.name)).toEqual(['申报导入', '填写说明']);
    const sheet = filled.getWorksheet('申报导入')!;
    const headers = rowsOf(sheet)[2];
    expect(rowsOf(sheet)[1][0]).toBe('推荐区县：渝中区');
    expect(headers.slice(0, 9)).toEqual(ANNEX1_HEADERS);
    const row = (values: Record<string, unknown>) => headers.map((h) => values[h] ?? null) as ExcelJS.CellValue[];
    const good = (name: string, extra: Record<string, unknown> = {}) => ({
      推荐站点名称: name,
      所在地区: '渝中区七星岗街道',
      承担单位: `${name}承担单位`,
      建站时间: new Date(Date.UTC(2020, 2, 15)),
      联系人: '王五',
      联系电话: '13800000000',
      站点地址: '重庆市渝中区中山一路1号',
      累计服务劳动者人次: 2000,
      近两年是否发生群体性事件或安全生产责任事故: '否',
      服务项目: '劳动法律宣传、劳动争议调解',
      典型案例1名称: '协商化解工资争议',
      典型案例1简介: '指导企业与职工协商，化解工资争议。',
      ...extra,
    });
    sheet.addRow(row(good('七星岗服务站', { 培育单位: '渝中区人社局', 经费来源: '街道经费' }))); // row 4
    sheet.addRow(row(good('两路口工作室'))); // row 5
    sheet.addRow(row(good('缺电话的站', { 联系电话: null, 建站时间: '去年' }))); // row 6
    sheet.addRow(row(good('有事故的站', { 近两年是否发生群体性事件或安全生产责任事故: '是' }))); // row 7
    sheet.addRow(row(good('解放碑劳动关系服务站'))); // row 8: applied already
    const file = Buffer.from(await filled.xlsx.writeBuffer());
    const names = async () =>
      (await svc.request('GET', `/api/stations?roundId=${roundId}&limit=200`, undefined, city)).body.items
        .map((s: { name: string }) => s.name)
        .sort();
    const before = await names();

    const dry = await upload(`/api/rounds/${roundId}/imports/applications?dryRun=true`, file, yz);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, accepted: 2, rejected: 3 });
    expect(dry.body.rows.map((r) => [r.row, r.status, r.stationId ?? null])).toEqual([
      [4, 'accepted', null],
      [5, 'accepted', null],
      [6, 'rejected', null],
      [7, 'rejected', null],
      [8, 'rejected', null],
    ]);
    expect(await names()).toEqual(before); // a dry run creates nothing

    const imported = await upload(`/api/rounds/${roundId}/imports/applications`, file, yz);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ dryRun: false, accepted: 2, rejected: 3 });
    const [r4, r5, r6, r7, r8] = imported.body.rows;
    expect(r6).toEqual({
      row: 6,
      sheet: '申报导入',
      status: 'rejected',
      errors: [
        { field: '建站时间', message: '建站时间格式不正确，要求：日期，如 2021-05-01' },
        { field: '联系电话', message: '联系电话不能为空' },
      ],
    });
    expect(r7.errors).toEqual([
      { field: '近两年是否发生群体性事件或安全生产责任事故', message: expect.stringContaining('不符合申报条件第（五）项') },
    ]);
    expect(r8.errors).toEqual([{ field: '推荐站点名称', message: '本批次本区县已有同名站点“解放碑劳动关系服务站”，不再重复申报' }]);
    for (const r of [r4, r5]) expect(r).toMatchObject({ status: 'accepted', stationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const station = await svc.request('GET', `/api/stations/${r4.stationId}`, undefined, yz);
    expect(station.body).toMatchObject({
      name: '七星岗服务站',
      districtCode: '500103',
      stage: 'recommendation',
      application: {
        establishedOn: '2020-03-15',
        cultivatingUnit: '渝中区人社局',
        fundingSource: '街道经费',
        contact: { name: '王五', phone: '13800000000' },
        workerVisitsServed: 2000,
      },
    });
    // Each accepted row started its station workflow, which projects the history.
    for (const r of [r4, r5]) {
      const projected = await eventually(
        () => svc.request('GET', `/api/stations/${r.stationId}`, undefined, yz),
        (res) => res.body.history.length > 0,
      );
      expect(projected.body.history.map((h: { action: string }) => h.action)).toEqual(['apply']);
    }
    expect(await names()).toEqual([...before, '七星岗服务站', '两路口工作室'].sort()); // the rejected rows created nothing

    // Uploading the same file again applies nothing twice.
    const again = await upload(`/api/rounds/${roundId}/imports/applications`, file, yz);
    expect(again.body).toMatchObject({ accepted: 0, rejected: 5 });

    // CSV with a 推荐区县 column: the district may import only its own rows.
    const csvRow = (district: string, name: string) => {
      const values = good(name, { 建站时间: '2020年3月15日' }) as Record<string, unknown>;
      return [district, ...headers.map((h) => String(values[h] ?? ''))];
    };
    const csvFile = toCsv([
      ['推荐区县', ...headers],
      csvRow('江北区', '江北新站'),
      csvRow('500103', '渝中新站'),
      csvRow('南岸', '南岸新站'),
    ]);
    const mixed = await upload(`/api/rounds/${roundId}/imports/applications?dryRun=true`, csvFile, yz);
    expect(mixed.body.rows).toEqual([
      { row: 2, status: 'rejected', errors: [{ field: '推荐区县', message: '区县只能为本区县申报站点' }] },
      { row: 3, status: 'accepted' },
      { row: 4, status: 'rejected', errors: [{ field: '推荐区县', message: '推荐区县“南岸”不是已登记的区县' }] },
    ]);
    expect((await upload(`/api/rounds/${roundId}/imports/applications?dryRun=true`, csvFile, city)).body).toMatchObject({
      accepted: 2,
      rejected: 1,
    });

    // Files that cannot be read as a whole, and who may import.
    const refused = async (body: Buffer | null, status: number, errorCode: string, tok = yz, field = 'file') => {
      const r = await upload(`/api/rounds/${roundId}/imports/applications`, body, tok, field);
      expect([r.status, r.body.code, typeof r.body.message]).toEqual([status, errorCode, 'string']);
    };
    await refused(Buffer.from('这不是表格'), 400, 'IMPORT.BAD_FILE');
    await refused(all.body, 400, 'IMPORT.MISSING_COLUMNS'); // the summary export lacks the form's columns
    await refused(null, 400, 'IMPORT.BAD_FILE');
    await refused(file, 400, 'IMPORT.BAD_FILE', yz, 'spreadsheet');
    await refused(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 413, 'PAYLOAD_TOO_LARGE');
    await refused(file, 403, 'FORBIDDEN', stationToken);

    // The API docs describe the new routes.
    const docs = await svc.request('GET', '/api/docs-json', undefined, null);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/rounds/{id}/exports/summary',
        '/api/rounds/{id}/exports/published',
        '/api/rounds/{id}/imports/applications',
        '/api/rounds/{id}/imports/template',
      ]),
    );
    expect(docs.body.paths['/api/rounds/{id}/imports/applications'].post.requestBody.content).toHaveProperty('multipart/form-data');

    // --- the published list: A listed at city level, D at district level
    await act(A, 'filing', { filed: true, level: 'city' }, city);
    await act(D, 'filing', { filed: true, level: 'district' }, city);
    await act(A, 'self-assessment', { sixHaves, summary: '六有达标' }, yz);
    await act(D, 'self-assessment', { sixHaves, summary: '六有达标' }, jb);
    await act(A, 'evaluation', { passed: true }, city);
    await act(D, 'evaluation', { passed: true }, city);
    expect((await svc.request('POST', `/api/rounds/${roundId}/publication`, { documentNo: '渝人社〔2024〕100号' }, city)).status).toBe(201);
    await eventually(
      () => svc.request('GET', `/api/stations?roundId=${roundId}&stage=promotion`, undefined, city),
      (r) => r.body.items.length === 2,
    );

    const published = await get(`/api/rounds/${roundId}/exports/published`, stationToken); // any role
    expect(published.status).toBe(200);
    expect(published.disposition).toContain(`filename="${code}-published.xlsx"`);
    const list = rowsOf((await workbook(published.body)).worksheets[0]);
    expect(list[0][0]).toBe('2023年度培育批次基层劳动关系公共服务站点名单');
    expect(list[1][0]).toBe('发布文号：渝人社〔2024〕100号');
    expect(list[2]).toEqual(['序号', '级别', '所在区县', '站点名称', '承担单位', '培育单位']);
    // a numbered row, or a section heading (merged across the row)
    expect(list.slice(3).map((r) => (/^\d+$/.test(r[0]) ? r.slice(0, 4) : r[0]))).toEqual([
      '市级基层劳动关系公共服务站点（1个）',
      ['1', '市级', '渝中区', '解放碑劳动关系服务站'],
      '区县级基层劳动关系公共服务站点（1个）',
      ['2', '区县级', '江北区', '观音桥劳动关系指导站'],
    ]);
    const publishedCsv = parseCsv((await get(`/api/rounds/${roundId}/exports/published?format=csv`, jb)).body.toString('utf8'));
    expect(publishedCsv.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['1', '市级', '渝中区', '解放碑劳动关系服务站'],
      ['2', '区县级', '江北区', '观音桥劳动关系指导站'],
    ]);
  });
});
