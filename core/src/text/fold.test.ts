import { describe, expect, it } from 'vitest';
import { fold, nfc } from './fold.ts';

describe('fold', () => {
  it('removes Vietnamese diacritics including đ', () => {
    expect(fold('Lạng Sơn')).toBe('lang son');
    expect(fold('Đồng Đăng')).toBe('dong dang');
    expect(fold('Sở Giáo dục và Đào tạo')).toBe('so giao duc va dao tao');
  });
  it('treats NFD and NFC input alike and collapses whitespace', () => {
    const nfd = 'Thất Khê'.normalize('NFD');
    expect(fold(`  ${nfd}\n `)).toBe('that khe');
    expect(nfc(nfd)).toBe('Thất Khê'.normalize('NFC'));
    expect(nfc(nfd)).not.toBe(nfd);
  });
});
