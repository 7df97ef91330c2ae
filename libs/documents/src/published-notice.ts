import { Paragraph } from 'docx';
import type { TableSheet } from './printable-table';
import { sheetTable } from './table-document';
import { page, para, renderDocx, SIZE } from './word';

/**
 * The published list (名单发布, 渝人社〔2023〕474号 §四（四）) as a notice draft (通知) the city office
 * edits, stamps and sends: the document number (发文字号), the title, the offices it goes to (主送),
 * a body, then the list as an attachment with the same rows as the list's spreadsheet, and the
 * issuing offices with the date left to fill in.
 */
export interface PublishedNoticeInput {
  roundName: string;
  /** the list's document number; blank for the office to fill in when the list went without one */
  documentNo: string | null;
  /** the issuing offices (联合发布): the programme's city offices */
  issuers: readonly string[];
  /** 主送机关 */
  addressees: string;
  /** how many stations per level, in the order of the list (市级 12个, 区县级 30个) */
  counts: readonly { label: string; count: number }[];
  /** the list itself, as the published-list export lays it out */
  list: TableSheet;
}

export const NOTICE_DOCUMENT_NO_PLACEHOLDER = '〔    〕    号';

export function noticeTitle(roundName: string): string {
  return `关于公布${roundName}基层劳动关系公共服务站点名单的通知`;
}

export async function renderPublishedNotice(input: PublishedNoticeInput): Promise<Buffer> {
  const total = input.counts.reduce((a, c) => a + c.count, 0);
  const counted = input.counts.map((c) => `${c.label}站点${c.count}个`).join('、');
  const body =
    `按照培育推树基层劳动关系公共服务站点工作安排，经申报推荐、培育评估等程序，` +
    `确定${input.roundName}基层劳动关系公共服务站点${total}个${counted ? `（${counted}）` : ''}，现予公布。` +
    `请各地加强对站点的指导和支持，推动站点规范运行、持续提升服务水平，充分发挥示范引领作用。`;
  const notice = [
    para(input.documentNo ?? NOTICE_DOCUMENT_NO_PLACEHOLDER, { size: SIZE.sanHao, align: 'center', spaceAfter: 480 }),
    para(noticeTitle(input.roundName), { face: 'title', size: SIZE.erHao, align: 'center', spaceAfter: 480 }),
    para(`${input.addressees}：`, { size: SIZE.sanHao }),
    para(body, { size: SIZE.sanHao, indentChars: 2 }),
    new Paragraph({ spacing: { before: 320 } }),
    para(`附件：${input.list.title}`, { size: SIZE.sanHao, indentChars: 2 }),
    new Paragraph({ spacing: { before: 960 } }),
    ...input.issuers.map((o) => para(o, { size: SIZE.sanHao, align: 'right' })),
    para('年    月    日', { size: SIZE.sanHao, align: 'right' }),
  ];
  const annex = [
    para('附件', { face: 'heading', size: SIZE.sanHao, spaceAfter: 240 }),
    para(input.list.title, { face: 'title', size: SIZE.erHao, align: 'center', spaceAfter: 240 }),
    ...input.list.captions.map((c) => para(c, { size: SIZE.siHao, spaceAfter: 120 })),
    sheetTable(input.list, false),
  ];
  return renderDocx(noticeTitle(input.roundName), [page(notice), page(annex)]);
}
