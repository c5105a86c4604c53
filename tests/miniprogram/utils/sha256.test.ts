// The phone's SHA-256 against Node's OpenSSL one, and the standard's own test vectors: a pack file
// is only kept when this agrees with the manifest the backend measured with Node.
import { createHash, randomBytes } from 'crypto';
import { sha256Hex } from '../../../miniprogram/utils/sha256';

const openssl = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('sha256Hex', () => {
  it('gives the published digests of the FIPS 180-4 examples', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(new ArrayBuffer(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with OpenSSL on every length around the block and padding edges, and on 1 MB', () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const data = randomBytes(length);
      expect([length, sha256Hex(data)]).toEqual([length, openssl(data)]);
    }
    const narrationSized = randomBytes(1024 * 1024 + 7);
    const copy = new Uint8Array(narrationSized).buffer;
    expect(sha256Hex(copy)).toBe(openssl(narrationSized));
  });

  it('tells apart files that differ in a single bit', () => {
    const data = randomBytes(4096);
    const flipped = Buffer.from(data);
    flipped[2048] = (flipped[2048] ?? 0) ^ 1;
    expect(sha256Hex(flipped)).not.toBe(sha256Hex(data));
    expect(sha256Hex(flipped)).toBe(openssl(flipped));
  });
});
