/**
 * The CLI's JSON reader. `JSON.parse` rounds every number to a double and recurses without a
 * bound; this one keeps a number that a double cannot give back exactly as its text (liqmath
 * reads decimal strings exactly), and refuses nesting deeper than {@link MAX_DEPTH}. Otherwise it
 * is strict RFC 8259 JSON, a leading byte-order mark allowed.
 */

/** Deepest nesting of arrays and objects accepted (account and payload files need a handful). */
export const MAX_DEPTH = 64;

/** Why a text is not accepted, with the offset where reading stopped. */
export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
}

/** Parses JSON text; throws {@link JsonTextError}. */
export function parseJson(text: string): unknown {
  const reader = { text, at: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  const value = readValue(reader, 0);
  skipSpace(reader);
  if (reader.at < text.length) fail(reader, 'unexpected text after the value');
  return value;
}

interface Reader {
  readonly text: string;
  at: number;
}

function fail(reader: Reader, what: string): never {
  throw new JsonTextError(`${what} at position ${reader.at}`);
}

function skipSpace(reader: Reader): void {
  const { text } = reader;
  while (reader.at < text.length) {
    const c = text.charCodeAt(reader.at);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    reader.at += 1;
  }
}

function readValue(reader: Reader, depth: number): unknown {
  skipSpace(reader);
  const c = reader.text[reader.at];
  if (c === '{' || c === '[') {
    if (depth >= MAX_DEPTH) fail(reader, `nesting deeper than ${MAX_DEPTH} levels`);
    return c === '{' ? readObject(reader, depth + 1) : readArray(reader, depth + 1);
  }
  if (c === '"') return readString(reader);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber(reader);
  for (const [word, value] of WORDS) {
    if (reader.text.startsWith(word, reader.at)) {
      reader.at += word.length;
      return value;
    }
  }
  return fail(reader, c === undefined ? 'unexpected end of the text' : `unexpected '${c}'`);
}

const WORDS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

function readObject(reader: Reader, depth: number): Record<string, unknown> {
  // A null prototype: a key named "__proto__" is an ordinary field, never a prototype.
  const result: Record<string, unknown> = Object.create(null);
  reader.at += 1;
  skipSpace(reader);
  if (reader.text[reader.at] === '}') {
    reader.at += 1;
    return result;
  }
  for (;;) {
    skipSpace(reader);
    if (reader.text[reader.at] !== '"') fail(reader, 'expected a field name');
    const key = readString(reader);
    skipSpace(reader);
    if (reader.text[reader.at] !== ':') fail(reader, "expected ':'");
    reader.at += 1;
    result[key] = readValue(reader, depth);
    skipSpace(reader);
    const next = reader.text[reader.at];
    reader.at += 1;
    if (next === '}') return result;
    if (next !== ',') fail(reader, "expected ',' or '}'");
  }
}

function readArray(reader: Reader, depth: number): unknown[] {
  const result: unknown[] = [];
  reader.at += 1;
  skipSpace(reader);
  if (reader.text[reader.at] === ']') {
    reader.at += 1;
    return result;
  }
  for (;;) {
    result.push(readValue(reader, depth));
    skipSpace(reader);
    const next = reader.text[reader.at];
    reader.at += 1;
    if (next === ']') return result;
    if (next !== ',') fail(reader, "expected ',' or ']'");
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in a string; this is that check
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function readString(reader: Reader): string {
  STRING.lastIndex = reader.at;
  const match = STRING.exec(reader.text);
  if (match === null) fail(reader, 'a malformed string');
  reader.at += match[0].length;
  // The matched text is a valid JSON string; JSON.parse decodes its escapes.
  return JSON.parse(match[0]) as string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * A number: a JavaScript number when the double gives the same decimal back (liqmath reads a
 * number by its shortest decimal form), else its text, which liqmath reads exactly or refuses.
 */
function readNumber(reader: Reader): number | string {
  NUMBER.lastIndex = reader.at;
  const match = NUMBER.exec(reader.text);
  if (match === null) fail(reader, 'a malformed number');
  const text = match[0];
  reader.at += text.length;
  const value = Number(text);
  return Number.isFinite(value) && sameDecimal(text, String(value)) ? value : text;
}

/** Whether two JSON number texts denote the same decimal (digits and exponent normalised). */
function sameDecimal(a: string, b: string): boolean {
  const x = normal(a);
  const y = normal(b);
  return x.negative === y.negative && x.digits === y.digits && x.exponent === y.exponent;
}

function normal(text: string): { negative: boolean; digits: string; exponent: number } {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [mantissa = '', power = '0'] = body.toLowerCase().split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const all = `${whole}${fraction}`;
  // Leading and trailing zeros found by index, once each: linear in the text.
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start += 1;
  if (start === all.length) return { negative: false, digits: '0', exponent: 0 };
  let end = all.length;
  while (all.charCodeAt(end - 1) === 48) end -= 1;
  return { negative, digits: all.slice(start, end), exponent: Number(power) - fraction.length + (all.length - end) };
}
