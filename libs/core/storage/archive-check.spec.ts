import { buildDocx, buildZip } from '@accord/testing';
import { assertArchiveWithinLimits } from './archive-check';
import { sniffEvidence } from './file-storage';

const MiB = 1024 * 1024;

describe('zip-bomb checks on office documents and archives', () => {
  it('a 200 MiB bomb named .docx (about 0.2 MB on the wire) is refused with ARCHIVE_REFUSED', async () => {
    const bomb = buildDocx(200 * MiB);
    expect(bomb.length).toBeLessThan(400 * 1024);
    // It really is what the evidence check takes for a Word document.
    expect(await sniffEvidence(bomb)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await expect(assertArchiveWithinLimits(bomb)).rejects.toMatchObject({ code: 'ARCHIVE_REFUSED', status: 422 });
  });

  it('an ordinary document passes', async () => {
    const text = Buffer.from('<w:document>'.concat('借款合同第一条 '.repeat(2000), '</w:document>'));
    await expect(assertArchiveWithinLimits(buildZip([{ name: 'word/document.xml', data: text }]))).resolves.toBeUndefined();
  });

  it('refuses by ratio as well as by total: 20 MiB that compress 1000:1', async () => {
    const bomb = buildDocx(20 * MiB);
    await expect(assertArchiveWithinLimits(bomb)).rejects.toMatchObject({ code: 'ARCHIVE_REFUSED' });
    await expect(assertArchiveWithinLimits(bomb)).rejects.toThrow(/100:1/);
  });

  it('a directory that lies about the sizes is caught while inflating (at most the limit is ever inflated)', async () => {
    const liar = buildDocx(80 * MiB, { declaredSize: 1000 });
    await expect(assertArchiveWithinLimits(liar, { maxExpandedBytes: 64 * MiB, maxRatio: 1_000_000, maxEntries: 10, ratioFreeBytes: 0 })).rejects.toMatchObject({ code: 'ARCHIVE_REFUSED' });
  });

  it('too many entries, or bytes that are not a zip, are refused', async () => {
    const many = buildZip(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from('x') })));
    await expect(assertArchiveWithinLimits(many, { maxExpandedBytes: MiB, maxRatio: 100, maxEntries: 10, ratioFreeBytes: 0 })).rejects.toThrow(/more than 10 entries/);
    await expect(assertArchiveWithinLimits(Buffer.from('PK not really'))).rejects.toMatchObject({ code: 'ARCHIVE_REFUSED' });
  });
});
