import type { ISectionOptions, Table } from 'docx';
import { isSection, type TableSheet } from './printable-table';
import { type CellSpec, page, para, renderDocx, SIZE, table, textWidth } from './word';

/**
 * Printable tables (the same `TableSheet`s the spreadsheet exports write) as Word pages: the annex
 * label, the title, the captions (推荐区县：…), the table with its header row, and the footer
 * lines, one landscape page per table, since the annex tables are wider than they are long.
 */
export interface TableDocumentOptions {
  /** the annex label printed above each table (附件1), as in the notice */
  annex?: string;
}

/** The grid of a sheet: the page's text width shared in proportion to the sheet's column widths (characters). */
function gridOf(sheet: TableSheet, width: number): number[] {
  const chars = sheet.headers.map((h, i) => sheet.widths?.[i] ?? Math.max(6, h.length * 2));
  const total = chars.reduce((a, b) => a + b, 0);
  return chars.map((c) => Math.floor((width * c) / total));
}

/** The sheet's header and rows as a Word table filling the text width (a section line spans it). */
export function sheetTable(sheet: TableSheet, landscape: boolean): Table {
  const grid = gridOf(sheet, textWidth(landscape));
  const header: CellSpec[] = sheet.headers.map((h) => ({ text: h, label: true }));
  const rows: CellSpec[][] = sheet.rows.map((r) =>
    isSection(r) ? [{ text: r.section, span: grid.length, bold: true }] : r.map((text) => ({ text })),
  );
  return table([header, ...rows], grid, { size: SIZE.wuHao });
}

export function tablePage(sheet: TableSheet, opts: TableDocumentOptions = {}): ISectionOptions {
  return page(
    [
      ...(opts.annex ? [para(opts.annex, { face: 'heading', size: SIZE.sanHao, spaceAfter: 240 })] : []),
      para(sheet.title, { face: 'title', size: SIZE.erHao, align: 'center', spaceAfter: 240 }),
      ...sheet.captions.map((c) => para(c, { size: SIZE.siHao, spaceAfter: 120 })),
      sheetTable(sheet, true),
      ...sheet.footer.map((f) => para(f, { size: SIZE.siHao })),
    ],
    true,
  );
}

/** The sheets as one .docx, a page each. */
export function renderTableDocument(title: string, sheets: readonly TableSheet[], opts: TableDocumentOptions = {}): Promise<Buffer> {
  return renderDocx(
    title,
    sheets.map((s) => tablePage(s, opts)),
  );
}
