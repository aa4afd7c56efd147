import { decodeUtf8 } from "../../../client/src/features/invitations/import-file";

test("reads UTF-8 and drops the byte order mark Excel writes", () => {
  const bytes = new TextEncoder().encode("\uFEFFnom;caza\nبلدية زحلة;zahle\n");
  expect(decodeUtf8(bytes)).toBe("nom;caza\nبلدية زحلة;zahle\n");
});

test("refuses a file saved in a Windows code page", () => {
  // "Zahlé" in Windows-1252: é is the single byte 0xE9, never valid on its own in UTF-8.
  expect(decodeUtf8(new Uint8Array([0x5a, 0x61, 0x68, 0x6c, 0xe9]))).toBeNull();
});
