import { textProblem } from './text';

describe('person-entered text', () => {
  it('takes any language, emoji (a surrogate pair) and, in multi-line text, line breaks and tabs', () => {
    for (const s of ['渝中区劳动关系服务站', 'Station №1 – café', '👷‍♀️ 服务站', '']) expect(textProblem(s, 'single-line')).toBeNull();
    expect(textProblem('第一段\n第二段\r\n\t缩进', 'multi-line')).toBeNull();
  });

  it('refuses line breaks in single-line text', () => {
    for (const s of ['站点\n2024-01-01 [INFO] 伪造的日志', 'a\rb', 'a\u2028b'])
      expect(textProblem(s, 'single-line')).toBe('不能换行（应为单行文本）');
  });

  it('refuses NUL and the other controls in either kind', () => {
    for (const kind of ['single-line', 'multi-line'] as const) {
      expect(textProblem('站点\u0000', kind)).toBe('不能含有控制字符 U+0000');
      expect(textProblem('\u001B[31m红字', kind)).toBe('不能含有控制字符 U+001B');
      expect(textProblem('a\u0085b', kind)).toBe('不能含有控制字符 U+0085');
    }
    expect(textProblem('a\tb', 'single-line')).toBe('不能含有控制字符 U+0009');
  });

  it('refuses a lone surrogate, high or low, anywhere', () => {
    for (const s of ['站\uD800', '\uDC00站', '\uDFFF\uD800', '👷\uD83D']) {
      expect(textProblem(s, 'single-line')).toBe('含有无效字符（不成对的 UTF-16 代理项）');
      expect(textProblem(s, 'multi-line')).toBe('含有无效字符（不成对的 UTF-16 代理项）');
    }
  });
});
