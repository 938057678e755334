import { guardJsonText, MAX_JSON_DEPTH, UnsafeJsonError } from './json-body-guard';

const refusal = (text: string): { field: string; message: string } | undefined => {
  try {
    guardJsonText(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnsafeJsonError)) throw error;
    return { field: error.field, message: error.message };
  }
};

describe('guardJsonText', () => {
  it('lets ordinary bodies through, however long, including the API deepest field', () => {
    expect(
      refusal('{"weeklyHours": {"mon": [{"start": "09:00", "end": "17:00"}]}, "holidays": ["2026-12-25"]}'),
    ).toBeUndefined();
    expect(
      refusal(JSON.stringify({ body: 'x'.repeat(500_000), list: Array.from({ length: 10_000 }, (_, i) => i) })),
    ).toBeUndefined();
    expect(refusal(JSON.stringify({ at: '['.repeat(100) }))).toBeUndefined();
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH}, naming the path where it goes too deep`, () => {
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeUndefined();
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toEqual({
      field: '[0]'.repeat(MAX_JSON_DEPTH),
      message: `nests deeper than ${MAX_JSON_DEPTH} levels`,
    });
    expect(refusal(`{"a": 1, "b": [1, 2, {"c": ${'['.repeat(200_000)}`)?.field).toBe(
      `b[2].c${'[0]'.repeat(MAX_JSON_DEPTH - 3)}`,
    );
  });

  it('refuses keys named like built-in object properties, with escapes decoded, and leaves such values alone', () => {
    expect(refusal('{"a": {"__proto__": {"x": 1}}}')).toEqual({
      field: 'a.__proto__',
      message: "'__proto__' is not a field of this request",
    });
    expect(refusal('{"list": [{"ok": 1}, {"\\u0063onstructor": 1}]}')?.field).toBe('list[1].constructor');
    expect(refusal('{"body": "constructor", "toString": 2}')?.field).toBe('toString');
    expect(refusal('{"body": "__proto__", "note": "a \\" \\"__proto__\\": 1"}')).toBeUndefined();
  });

  it('refuses strings the log cannot keep (NUL, unpaired surrogates), naming where they are', () => {
    expect(refusal('{"a": {"b": "x\\u0000y"}}')).toEqual({
      field: 'a.b',
      message: 'must be text without NUL characters or unpaired surrogates',
    });
    expect(refusal('{"list": ["ok", "\\ud800"]}')?.field).toBe('list[1]');
    expect(refusal('{"list": ["\\udc00x"]}')?.field).toBe('list[0]');
    expect(refusal('{"\\ud800": 1}')?.field).toBe('\ud800');
    expect(refusal('{"emoji": "\\ud83d\\ude00", "tab": "\\u0009", "bell": "\\u0007"}')).toBeUndefined();
  });

  it('leaves malformed JSON to the parser', () => {
    for (const text of ['{"a": ', '{"a": "unterminated', '}}]]', '{"a": "\\x"}']) expect(refusal(text)).toBeUndefined();
  });
});
