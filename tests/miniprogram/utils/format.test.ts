import {
  formatClock,
  formatDate,
  formatLength,
  formatViewers,
} from '../../../miniprogram/utils/format';

describe('format', () => {
  it('says the length of a livestream in hours and minutes', () => {
    expect(formatLength(7200)).toBe('2小时');
    expect(formatLength(5400)).toBe('1小时30分');
    expect(formatLength(1500)).toBe('25分钟');
    expect(formatLength(20)).toBe('20秒');
    expect(formatLength(0)).toBe('');
    expect(formatLength(null)).toBe('');
  });

  it('shows a position in a video as players do', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(95.8)).toBe('01:35');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-3)).toBe('00:00');
  });

  it('rounds large viewer counts down to 万 and 亿, as "at least"', () => {
    expect(formatViewers(10000)).toBe('1万+');
    expect(formatViewers(12600)).toBe('1.2万+');
    expect(formatViewers(250000000)).toBe('2.5亿+');
    expect(formatViewers(8600)).toBe('8600');
    expect(formatViewers(0)).toBe('');
  });

  it('writes a day the Chinese way', () => {
    expect(formatDate('2020-12-14')).toBe('2020年12月14日');
    expect(formatDate('2021-03-05')).toBe('2021年3月5日');
    expect(formatDate('2020 年冬')).toBe('2020 年冬');
  });
});
