import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same text for the same fields in another order, at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'z' }, c: null };
    const b = { c: null, a: { x: 'z', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"z","y":[1,{"p":2,"q":1}]},"b":1,"c":null}');
  });

  it('keeps what differs different: values, array order, a missing field', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: 1, b: 2 })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('reads class instances (validated DTOs) by their own fields', () => {
    class Dto {
      z = 1;
      a = new Date('2026-01-01T00:00:00Z');
    }
    expect(canonicalJson(new Dto())).toBe('{"a":"2026-01-01T00:00:00.000Z","z":1}');
  });
});
