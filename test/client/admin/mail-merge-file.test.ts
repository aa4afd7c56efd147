import { mailMergeBlob, mailMergeFileName } from "../../../client/src/features/invitations/mail-merge-file";

test.each([
  ["census-lebanon", new Date(2026, 5, 3, 23, 30), "invitations-census-lebanon-2026-06-03.csv"],
  ["census-lebanon", new Date(2026, 11, 31, 0, 5), "invitations-census-lebanon-2026-12-31.csv"],
  ["odd id/with spaces", new Date(2026, 0, 9), "invitations-odd-id-with-spaces-2026-01-09.csv"],
])("the file of %s saved on %s is %s", (surveyId, now, expected) => {
  expect(mailMergeFileName(surveyId, now)).toBe(expected);
});

test("the file is UTF-8 CSV with one byte order mark, whether or not the server sent it", async () => {
  const bytesOf = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];
  const withMark = mailMergeBlob("\uFEFFname,link\r\nبلدية,https://x\r\n");
  const withoutMark = mailMergeBlob("name,link\r\nبلدية,https://x\r\n");
  expect(withMark.type).toBe("text/csv;charset=utf-8");
  expect(await bytesOf(withMark)).toEqual(await bytesOf(withoutMark));
  expect((await bytesOf(withMark)).slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
  expect(await withMark.text()).toContain("بلدية");
});
