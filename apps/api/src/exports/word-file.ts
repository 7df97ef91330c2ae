import { DOCX_TYPE } from '@app/documents';
import type { ExportFile } from './spreadsheet';

/** A Word document (rendered by libs/documents) as a download; `name` may hold 汉字, `asciiName` is its ASCII stand-in. */
export function wordFile(body: Buffer, names: { name: string; asciiName: string }): ExportFile {
  return { body, contentType: DOCX_TYPE, filename: `${names.name}.docx`, asciiFilename: `${names.asciiName}.docx` };
}
