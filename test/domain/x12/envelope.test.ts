import { X12BuildError, buildInterchange, readEnvelopes, TRANSACTION_TYPES, type TransactionType } from '../../../domain/x12';
import { seg } from '../../../domain/x12/write-segments';
import { envelope } from './support/claims';
import { readSample } from './support/samples';

describe('envelope builder', () => {
  const sets = [
    { controlNumber: '0001', body: [seg('X', 'BHT', '0019', '00', 'A')] },
    { controlNumber: '0002', body: [seg('X', 'BHT', '0019', '00', 'B'), seg('X', 'REF', 'EA', '1')] },
  ];

  it('writes ISA/GS/ST/SE/GE/IEA with counts and the caller control numbers', () => {
    const text = buildInterchange({ ...envelope, interchangeControlNumber: 123, groupControlNumber: 77 }, '837P', sets);
    const isa = text.split('~')[0] ?? '';
    expect(isa).toHaveLength(105);
    expect(isa).toContain('*000000123*0*T*:');
    expect(text).toContain('GS*HC*IMAGINGRCM*CLEARINGHOUSE*20261126*1015*77*X*005010X222A1~');
    expect(text).toContain('SE*3*0001~');
    expect(text).toContain('SE*4*0002~');
    expect(text).toContain('GE*2*77~');
    expect(text).toContain('IEA*1*000000123~');
    const read = readEnvelopes(text);
    expect(read.findings).toEqual([]);
    expect(read.interchanges[0]?.header).toMatchObject({ controlNumber: '000000123', senderId: 'IMAGINGRCM', date: '2026-11-26', usage: 'T' });
    expect(read.interchanges[0]?.groups[0]?.transactions.map((t) => t.controlNumber)).toEqual(['0001', '0002']);
  });

  it.each(Object.entries(TRANSACTION_TYPES))('uses functional id and guide for %s', (type, t) => {
    const text = buildInterchange(envelope, type as TransactionType, [sets[0]!]);
    expect(text).toContain(`GS*${t.functionalId}*`);
    expect(text).toContain(`*X*${t.implementationReference}~`);
    // ST03 names the guide, except in the 835 (X221A1 does not use it; GS08 does).
    expect(text).toContain(type === '835' ? `ST*${t.setId}*0001~` : `ST*${t.setId}*0001*${t.implementationReference}~`);
  });

  it('refuses invalid control numbers and delimiter characters', () => {
    expect(() => buildInterchange({ ...envelope, interchangeControlNumber: 0 }, '835', sets)).toThrow(X12BuildError);
    expect(() => buildInterchange({ ...envelope, groupControlNumber: 1e10 }, '835', sets)).toThrow(X12BuildError);
    expect(() => buildInterchange(envelope, '835', [{ controlNumber: '1', body: [] }])).toThrow(X12BuildError);
    expect(() => buildInterchange(envelope, '835', [{ controlNumber: '0001', body: [seg('X', 'REF', 'EA', 'A*B')] }])).toThrow(expect.objectContaining({ code: 'DELIMITER_IN_VALUE' }));
  });

  it('reports count and control number mismatches as findings', () => {
    const text = buildInterchange(envelope, '835', sets).replace('SE*3*0001', 'SE*9*0001').replace('GE*2*42', 'GE*5*43').replace('IEA*1*000000042', 'IEA*2*000000041');
    expect(readEnvelopes(text).findings.map((f) => f.code).sort()).toEqual(['GE_CONTROL_MISMATCH', 'GE_COUNT_MISMATCH', 'IEA_CONTROL_MISMATCH', 'IEA_COUNT_MISMATCH', 'SE_COUNT_MISMATCH']);
  });
});

describe('envelope reader on public samples', () => {
  const count = (file: string, family = '837p') => {
    const r = readEnvelopes(readSample(family, file));
    return [r.interchanges.length, r.interchanges.flatMap((i) => i.groups).length, r.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactions)).length];
  };
  it('reads multiple ISA, GS and ST per file', () => {
    expect(count('imsweb__x12_multiple_isa.txt')).toEqual([2, 2, 2]);
    expect(count('imsweb__x12_multiple_gs.txt')).toEqual([1, 3, 3]);
    expect(count('imsweb__x12_multiple_st.txt')).toEqual([1, 1, 2]);
    expect(count('tasty__profee-multiple.edi', '835')).toEqual([156, 156, 156]);
    expect(count('pyx12__834_lui_id_5010.999.txt', '999')).toEqual([1, 2, 4]);
  });
  it('flags a wrong SE count in a sample', () => {
    expect(readEnvelopes(readSample('837p', 'imsweb__x12_valid.txt')).findings.map((f) => f.code)).toContain('SE_COUNT_MISMATCH');
  });
});
