import {
  LINK_ERROR,
  SCENE_ERROR,
  decodeParam,
  labelNumberFromEntry,
} from '../../../miniprogram/utils/entry';

describe('reading a wall label code', () => {
  it.each([
    ['a mini program code holding the number', { scene: '513' }],
    ['a mini program code holding n=…', { scene: 'n%3D513' }],
    ['a mini program code holding number=…', { scene: 'number%3D513' }],
    [
      'a plain QR link ending in the number',
      { q: encodeURIComponent('https://guide.example.com/a/513') },
    ],
    [
      'a plain QR link with n=…',
      { q: encodeURIComponent('https://guide.example.com/label?n=513&x=1') },
    ],
    ['a typed number', { number: '513' }],
  ])('%s opens label 513', (_what, entry) => {
    expect(labelNumberFromEntry(entry)).toMatchObject({ number: '513' });
  });

  it.each([
    ['a mini program code of `npm run labels`', { scene: 'modern-masters-on-tour%2F513' }],
    [
      'a plain QR link of `npm run labels`',
      { q: encodeURIComponent('https://guide.example.com/l/modern-masters-on-tour/513') },
    ],
  ])('%s opens label 513 of the exhibition it names', (_what, entry) => {
    expect(labelNumberFromEntry(entry)).toEqual({
      number: '513',
      exhibitionId: 'modern-masters-on-tour',
    });
  });

  it.each([
    ['a scene with a broken escape', { scene: '%E0%A4%A' }, SCENE_ERROR],
    ['a scene that is not a number', { scene: 'hello' }, SCENE_ERROR],
    ['a scene naming no valid exhibition', { scene: 'Not%20An%20Id%2F513' }, SCENE_ERROR],
    ['a QR link with a broken escape', { q: '%E0%A4%A' }, LINK_ERROR],
    [
      'a QR link with no number',
      { q: encodeURIComponent('https://guide.example.com/about') },
      LINK_ERROR,
    ],
    ['a QR payload that is not a link', { q: 'not%20a%20link' }, LINK_ERROR],
  ])('%s gives a sentence, not an exception', (_what, entry, message) => {
    expect(labelNumberFromEntry(entry)).toEqual({ error: message });
  });

  it('says nothing when the page was opened without a code', () => {
    expect(labelNumberFromEntry({})).toEqual({ none: true });
  });

  it('keeps a malformed query value as it came instead of throwing', () => {
    expect(decodeParam('%E0%A4%A')).toBe('%E0%A4%A');
    expect(decodeParam('picasso%2Darlequin')).toBe('picasso-arlequin');
  });
});
