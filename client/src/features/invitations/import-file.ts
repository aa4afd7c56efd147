/**
 * The chosen file's text, or null when it is not UTF-8. Excel's plain "CSV" is saved in the
 * Windows code page, which would turn Arabic names into question marks on the way: catching it
 * here lets the administrator re-save the file before anything is sent. A byte order mark is
 * dropped (the decoder's default).
 */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
