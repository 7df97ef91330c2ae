import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reads a .docx as a person's Word would: unzips it with the system's `unzip` (an independent
 * reader, not the library that wrote it) and returns word/document.xml with its paragraphs' text
 * and its tables as rows of cells.
 */
export interface DocxContent {
  xml: string;
  /** every paragraph's text, in order (line breaks as \n) */
  paragraphs: string[];
  /** top-level tables: rows of cells, each with its text and column span */
  tables: { text: string; span: number }[][][];
}

export function readDocx(body: Buffer): DocxContent {
  const dir = mkdtempSync(join(tmpdir(), 'docx-'));
  try {
    const file = join(dir, 'doc.docx');
    writeFileSync(file, body);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { xml, paragraphs: [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0])), tables: tablesOf(xml) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of a piece of WordprocessingML: runs' text, breaks as \n, paragraphs joined by \n. */
export function textOf(fragment: string): string {
  const paragraphs = [...fragment.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:br\/>/g)].map((m) => (m[0] === '<w:br/>' ? '\n' : unescape(m[1]))).join(''),
  );
  return paragraphs.join('\n');
}

function tablesOf(xml: string): { text: string; span: number }[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => ({
        text: textOf(c[0]),
        span: Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c[0])?.[1] ?? 1),
      })),
    ),
  );
}
