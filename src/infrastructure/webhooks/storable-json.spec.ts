import { storableJson, storableText } from './storable-json.js';

describe(storableJson.name, () => {
  it('replaces NUL and lone surrogates in strings and keys, and keeps everything else', () => {
    const parsed: unknown = JSON.parse(String.raw`{"a\u0000":["x\u0000y","\ud800","\udc00z","😀",1,null,true]}`);
    expect(storableJson(parsed)).toEqual({ 'a\uFFFD': ['x\uFFFDy', '\uFFFD', '\uFFFDz', '😀', 1, null, true] });
  });

  it('leaves well-formed text alone', () => {
    expect(storableText('café \u{1F600}')).toBe('café \u{1F600}');
  });
});
