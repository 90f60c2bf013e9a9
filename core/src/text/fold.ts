/**
 * Folds Vietnamese text for matching: NFC-agnostic, diacritics removed (đ → d), lower case,
 * whitespace collapsed. "Lạng Sơn", "lang son" and "LANG  SƠN" all fold to "lang son".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every text we store or return is NFC (Vietnamese input arrives in both NFC and NFD). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}
