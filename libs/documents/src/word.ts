import {
  AlignmentType,
  BorderStyle,
  Document,
  type ISectionOptions,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The fonts of official documents (GB/T 9704《党政机关公文格式》): titles in 方正小标宋简体, body in
 * 仿宋_GB2312, headings in 黑体. A font is named for each script (`eastAsia` for 汉字, `ascii`/`hAnsi`
 * for Latin and digits), since Word and WPS pick the font by the character's script: naming only
 * `ascii` would leave 汉字 in the template's default font. Where a machine lacks a named font, Word
 * and WPS substitute from the same family (宋体, 仿宋), so the text always shows.
 */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  latin: 'Times New Roman',
} as const;

const fontOf = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, hint: 'eastAsia' });

/** Sizes in half-points, by the names offices use: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt. */
export const SIZE = { erHao: 44, sanHao: 32, siHao: 28, xiaoSi: 24, wuHao: 21 } as const;

export type Face = keyof Pick<typeof FONTS, 'title' | 'body' | 'heading'>;

export interface RunStyle {
  face?: Face;
  size?: number;
  bold?: boolean;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: fontOf(FONTS[style.face ?? 'body']),
    size: style.size,
    bold: style.bold,
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });
}

export interface ParagraphStyle extends RunStyle {
  align?: 'left' | 'center' | 'right' | 'justified';
  /** first-line indent in characters (公文 paragraphs indent two) */
  indentChars?: number;
  spaceAfter?: number;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justified: AlignmentType.JUSTIFIED };

/** A paragraph of one style; line breaks in `text` become separate lines of the same paragraph. */
export function para(text: string, style: ParagraphStyle = {}): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: ALIGN[style.align ?? 'left'],
    indent: style.indentChars ? { firstLine: style.indentChars * (style.size ?? SIZE.sanHao) * 10 } : undefined,
    spacing: { after: style.spaceAfter ?? 0 },
    children: lines.map((line, i) =>
      i === 0
        ? run(line, style)
        : new TextRun({ text: line, break: 1, font: fontOf(FONTS[style.face ?? 'body']), size: style.size, bold: style.bold }),
    ),
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

export interface CellSpec {
  text: string;
  span?: number;
  bold?: boolean;
  align?: ParagraphStyle['align'];
  /** a label cell (shaded in nothing, but centred and bold as the notice prints them) */
  label?: boolean;
  /** minimum height in twips, for boxes offices write or stamp in */
  height?: number;
}

export function cell(spec: CellSpec | string, size: number = SIZE.xiaoSi): TableCell {
  const c = typeof spec === 'string' ? { text: spec } : spec;
  return new TableCell({
    columnSpan: c.span,
    verticalAlign: VerticalAlign.CENTER,
    borders: BORDERS,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [para(c.text, { size, bold: c.bold ?? c.label, align: c.align ?? (c.label ? 'center' : 'left') })],
  });
}

/** A table with a fixed grid of `widths` (in twips); rows are cell specs, spans add up to the grid. */
export function table(
  rows: (CellSpec | string)[][],
  widths: readonly number[],
  opts: { size?: number; heights?: (number | undefined)[] } = {},
): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          height: opts.heights?.[i] ? { value: opts.heights[i]!, rule: 'atLeast' } : undefined,
          children: cells.map((c) => cell(c, opts.size)),
        }),
    ),
  });
}

/** A4 in twips, with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). */
export const A4 = { width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } as const;

export const textWidth = (landscape: boolean): number => (landscape ? A4.height : A4.width) - A4.margin.left - A4.margin.right;

export function page(children: ISectionOptions['children'], landscape = false): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: A4.margin,
      },
    },
    children,
  };
}

/** The sections as one .docx; the default run font is the body font, so even empty cells carry it. */
export async function renderDocx(title: string, sections: ISectionOptions[]): Promise<Buffer> {
  const doc = new Document({
    creator: '基层劳动关系公共服务站点培育',
    title,
    styles: {
      default: { document: { run: { font: fontOf(FONTS.body), size: SIZE.sanHao, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } },
    },
    sections,
  });
  return Packer.toBuffer(doc);
}
