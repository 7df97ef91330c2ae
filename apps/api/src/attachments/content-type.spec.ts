import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeZip } from '../imports/zip-archive';
import { attachmentName, mayAddFiles } from './attachment-policy';
import { detectAttachmentType } from './content-type';
import * as sample from './testing/sample-files';

describe('the type of an attachment, by its content', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'types-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const typeOf = async (bytes: Buffer) => {
    const file = path.join(dir, `f-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, bytes);
    return detectAttachmentType(file);
  };

  it('knows the accepted types', async () => {
    expect(await typeOf(sample.pdf())).toBe('pdf');
    expect(await typeOf(sample.png())).toBe('png');
    expect(await typeOf(sample.jpeg())).toBe('jpeg');
    expect(await typeOf(await sample.docx())).toBe('docx');
    expect(await typeOf(await sample.xlsx())).toBe('xlsx');
    expect(await typeOf(sample.doc())).toBe('doc');
    expect(await typeOf(sample.xls())).toBe('xls');
  });

  it('refuses programs, other archives, other compound files, truncated and empty files', async () => {
    expect(await typeOf(sample.exe())).toBeNull();
    expect(await typeOf(sample.plainZip())).toBeNull();
    expect(await typeOf(sample.compoundFile(['!_StringPool', '!_Validation']))).toBeNull();
    expect(await typeOf(sample.doc().subarray(0, 600))).toBeNull();
    expect(await typeOf((await sample.docx()).subarray(0, 200))).toBeNull();
    expect(await typeOf(Buffer.alloc(0))).toBeNull();
    expect(await typeOf(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    // a zip that says it is Word but lacks the document part
    const types =
      '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
    expect(await typeOf(writeZip([{ name: '[Content_Types].xml', data: Buffer.from(types) }]))).toBeNull();
  });
});

describe('the name an attachment is kept under', () => {
  it('drops paths and control characters and ends in the extension of its content', () => {
    expect(attachmentName('C:\\Users\\张三\\申请书.pdf', 'pdf')).toBe('申请书.pdf');
    expect(attachmentName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(attachmentName('通知.exe', 'pdf')).toBe('通知.exe.pdf');
    expect(attachmentName('照片.JPEG', 'jpeg')).toBe('照片.JPEG');
    expect(attachmentName('a\u202egnp.exe', 'png')).toBe('a_gnp.exe.png');
    expect(attachmentName('', 'docx')).toBe('附件.docx');
    expect(attachmentName(undefined, 'xlsx')).toBe('附件.xlsx');
    expect(attachmentName(`${'长'.repeat(300)}.pdf`, 'pdf')).toHaveLength(200);
  });
});

describe('who may add files to a station', () => {
  it('is whoever acts in the step, and the city', () => {
    expect(mayAddFiles('six-haves', 'application', 'station')).toBe(true);
    expect(mayAddFiles('six-haves', 'application', 'district')).toBe(true);
    expect(mayAddFiles('six-haves', 'recommendation', 'district')).toBe(true);
    expect(mayAddFiles('six-haves', 'recommendation', 'station')).toBe(false);
    expect(mayAddFiles('six-haves', 'filing', 'district')).toBe(false);
    expect(mayAddFiles('six-haves', 'cultivation', 'station')).toBe(true);
    expect(mayAddFiles('six-haves', 'city_evaluation', 'district')).toBe(false);
    expect(mayAddFiles('six-haves', 'closed', 'district')).toBe(false);
    expect(mayAddFiles('six-haves', 'closed', 'city')).toBe(true);
    expect(mayAddFiles('star-rating', 'self_score', 'station')).toBe(true);
    expect(mayAddFiles('star-rating', 'district_review', 'station')).toBe(false);
  });
});
