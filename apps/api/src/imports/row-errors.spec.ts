import { ApiError } from '../common/error-codes';
import { validateDto } from '../common/validation';
import { ApplicationDto } from '../stations/application.dto';
import { readImportRows, resolveDistrict } from './import-table';
import { echo, MAX_ECHO_CHARS, refusalErrors, rowErrorsOf } from './row-errors';
import { annexSheet, districts, goodRow } from './testing/rows';

const errorsOf = async (row: string[]) => {
  const [parsed] = readImportRows([annexSheet(row)], districts);
  const { issues } = await validateDto(ApplicationDto, parsed.application);
  return rowErrorsOf(issues, parsed.application);
};

describe('row errors', () => {
  it('a good row passes the single application validation', async () => {
    expect(await errorsOf(goodRow('甲'))).toEqual([]);
  });

  it('names each empty required cell by its column header, in column order', async () => {
    const errors = await errorsOf(
      goodRow('甲', { 联系人: '', 联系电话: '', 服务项目: '', 典型案例1名称: '', 典型案例1简介: '', 站点地址: '' }),
    );
    expect(errors).toEqual([
      { field: '联系人', message: '联系人不能为空' },
      { field: '联系电话', message: '联系电话不能为空' },
      { field: '站点地址', message: '站点地址不能为空' },
      { field: '服务项目', message: '服务项目不能为空' },
      { field: '典型案例1名称', message: '典型案例1名称不能为空' },
      { field: '典型案例1简介', message: '典型案例1简介不能为空' },
    ]);
  });

  it('explains a filled but invalid cell by its first broken rule and the column hint', async () => {
    const errors = await errorsOf(
      goodRow('甲', {
        联系电话: '请联系',
        建站时间: '去年',
        累计服务劳动者人次: '很多',
        近两年是否发生群体性事件或安全生产责任事故: '不清楚',
        联系人电子邮箱: 'x@',
      }),
    );
    expect(errors).toEqual([
      { field: '建站时间', message: '建站时间格式不正确，要求：日期，如 2021-05-01' },
      { field: '联系电话', message: '联系电话格式不正确，要求：电话号码，如 023-12345678 或 13800000000' },
      { field: '联系人电子邮箱', message: '联系人电子邮箱不是有效的电子邮箱，要求：电子邮箱地址' },
      { field: '累计服务劳动者人次', message: '累计服务劳动者人次应为整数，要求：不小于 0 的整数' },
      {
        field: '近两年是否发生群体性事件或安全生产责任事故',
        message: '近两年是否发生群体性事件或安全生产责任事故应填写“是”或“否”，要求：填写“是”或“否”',
      },
    ]);
    expect(await errorsOf(goodRow('甲', { 推荐站点名称: '站'.repeat(201) }))).toEqual([
      { field: '推荐站点名称', message: '推荐站点名称长度超出限制，要求：站点全称，不超过 200 字' },
    ]);
  });

  it('asks for the summary of a second case given with a title only', async () => {
    expect(await errorsOf(goodRow('甲', { 典型案例2名称: '第二个案例' }))).toEqual([
      { field: '典型案例2简介', message: '典型案例2简介不能为空' },
    ]);
  });

  it('puts eligibility reasons at the deciding column, scope refusals at 推荐区县, and lets other failures through', () => {
    const ineligible = new ApiError('APPLICATION.INELIGIBLE', '不符合申报条件', [
      { rule: 'service-record', code: 'X', message: '服务未满一年' },
      { rule: 'no-incidents', code: 'Y', message: '发生过事故' },
    ]);
    expect(refusalErrors(ineligible)).toEqual([
      { field: '建站时间', message: '服务未满一年' },
      { field: '近两年是否发生群体性事件或安全生产责任事故', message: '发生过事故' },
    ]);
    expect(refusalErrors(new ApiError('FORBIDDEN', '区县只能为本区县申报站点'))).toEqual([
      { field: '推荐区县', message: '区县只能为本区县申报站点' },
    ]);
    expect(refusalErrors(new ApiError('VALIDATION_FAILED', '区县代码 500999 不存在', ['districtCode: unknown district 500999']))).toEqual([
      { field: '推荐区县', message: '区县代码 500999 不存在' },
    ]);
    expect(refusalErrors(new ApiError('VALIDATION_FAILED', '无效', [{ field: 'workerVisitsServed', message: '人次无效' }]))).toEqual([
      { field: '累计服务劳动者人次', message: '人次无效' },
    ]);
    expect(refusalErrors(new Error('14 UNAVAILABLE'))).toBeNull();
    expect(refusalErrors(new ApiError('UNAVAILABLE', '后台服务暂不可用'))).toBeNull();
  });

  it('quotes at most MAX_ECHO_CHARS of a cell back, never half a surrogate pair', () => {
    expect(echo('渝中区')).toBe('渝中区');
    expect(echo('a'.repeat(MAX_ECHO_CHARS))).toBe('a'.repeat(MAX_ECHO_CHARS));
    expect(echo('a'.repeat(5_000_000))).toBe(`${'a'.repeat(MAX_ECHO_CHARS)}…`);
    expect(echo(`${'a'.repeat(MAX_ECHO_CHARS - 1)}😀😀`)).toBe(`${'a'.repeat(MAX_ECHO_CHARS - 1)}…`);
    const unknown = resolveDistrict('区'.repeat(1_000_000), districts) as string;
    expect(unknown).toBe(`推荐区县“${'区'.repeat(MAX_ECHO_CHARS)}…”不是已登记的区县`);
  });
});
