import { X12ParseError, amountToCents, centsToAmount, readEnvelopes, tokenize } from '../../../domain/x12';
import { readSample } from './support/samples';

const collect = (input: string | Uint8Array, maxBytes?: number) => [...tokenize(input, maxBytes === undefined ? {} : { maxBytes })];

describe('tokenize', () => {
  const isa = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261126*1015*^*00501*000000001*0*T*:~';

  it('reads delimiters from ISA and skips CR/LF between segments', () => {
    const segs = collect(`${isa}\r\nGS*HC*S*R*20261126*1015*1*X*005010X222A1~\r\nST*837*0001~\nSE*2*0001~GE*1*1~IEA*1*000000001~`);
    expect(segs.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);
    expect(segs[0]?.delimiters).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
    expect(segs[2]?.position).toBe(3);
  });

  it('accepts a bare ST start with default delimiters', () => {
    const segs = collect('ST*835*1234~BPR*I*10*C*CHK~SE*3*1234~');
    expect(segs.map((s) => s.id)).toEqual(['ST', 'BPR', 'SE']);
    expect(segs[0]?.delimiters.component).toBe(':');
  });

  it('accepts segments terminated only by line breaks when there is no ISA', () => {
    expect(collect('ST*835*1\nBPR*I*1*C*CHK\nSE*3*1\n').map((s) => s.id)).toEqual(['ST', 'BPR', 'SE']);
  });

  it('reads an ISA whose padding was trimmed', () => {
    const segs = collect('ISA*00* *00* *30*560891234 *30*566012345*030813*1505*U*00401*000000007*1*P*:~TA1*000000100*030809*0823*R*024~IEA*1*000000007~');
    expect(segs.map((s) => s.id)).toEqual(['ISA', 'TA1', 'IEA']);
    expect(segs[0]?.delimiters.repetition).toBe('');
  });

  it('decodes bytes', () => {
    expect(collect(new TextEncoder().encode('ST*835*1~SE*2*1~')).length).toBe(2);
  });

  it.each([
    ['empty input', '   \r\n', 'EMPTY_INPUT'],
    ['no header', 'HELLO WORLD', 'MISSING_HEADER'],
    ['broken ISA', 'ISA*00*01~', 'INVALID_ISA'],
    ['bad segment id', 'ST*835*1~*BAD~', 'INVALID_SEGMENT_ID'],
  ])('refuses %s with X12ParseError', (_name, input, code) => {
    expect(() => collect(input)).toThrow(X12ParseError);
    try {
      collect(input);
    } catch (e) {
      expect((e as X12ParseError).code).toBe(code);
    }
  });

  it('enforces the size limit for strings and bytes', () => {
    const text = `ST*835*1~${'REF*EV*X~'.repeat(100)}SE*102*1~`;
    expect(() => collect(text, 100)).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
    expect(() => collect(new TextEncoder().encode(text), 100)).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
    expect(collect(text, 10_000).length).toBe(102);
  });

  it('gives the segment position and id but no element content in errors', () => {
    try {
      readEnvelopes('ST*835*1~NM1*QC*1*DOE*JANE~SE*3*1~NM1*QC*1*DOE*JANE~');
      throw new Error('expected a parse error');
    } catch (e) {
      expect(e).toBeInstanceOf(X12ParseError);
      expect((e as X12ParseError).segmentId).toBe('NM1');
      expect((e as X12ParseError).segmentPosition).toBe(4);
      expect((e as Error).message).not.toMatch(/DOE|JANE/);
    }
  });
});

describe('tokenize on public samples', () => {
  it('detects non-standard delimiters (element ~, component ^, terminator _)', () => {
    const segs = collect(readSample('837p', 'imsweb__x12_valid_different_separators.txt'));
    expect(segs[0]?.delimiters).toMatchObject({ element: '~', component: '^', segment: '_' });
    expect(segs.find((s) => s.id === 'CLM')).toBeDefined();
  });
});

describe('money', () => {
  it.each([
    ['123.4', 12340], ['123.40', 12340], ['0.05', 5], ['-1.27', -127], ['.5', 50], ['150000.00', 15000000], ['5.', 500], ['8.000', 800], ['-0', 0],
  ])('%s is %d cents', (text, cents) => expect(amountToCents(text)).toBe(cents));

  it.each(['', '-', '1.234', 'abc', '1e5', '1.2.3'])('%s is not an amount', (text) => expect(amountToCents(text)).toBeUndefined());

  it.each([[12340, '123.4'], [12300, '123'], [5, '0.05'], [-127, '-1.27'], [0, '0'], [1, '0.01'], [10, '0.1']])('%d cents is written %s', (cents, text) => {
    expect(centsToAmount(cents)).toBe(text);
  });
});
