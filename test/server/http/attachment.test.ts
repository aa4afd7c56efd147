import express from "express";
import request from "supertest";
import { startAttachment } from "../../../server/src/http/attachment";

function appNaming(fileName: string) {
  const app = express();
  app.get("/file", (_req, res) => {
    startAttachment(res, "text/csv; charset=utf-8", fileName);
    res.end("a,b\r\n");
  });
  return app;
}

describe("a download's file name", () => {
  it.each([
    ["census-lebanon-responses-2026-06-15.csv", 'attachment; filename="census-lebanon-responses-2026-06-15.csv"'],
    [
      "census-lebanon-responses-governorate-بعلبك-2026-06-15.csv",
      "attachment; filename=\"census-lebanon-responses-governorate-_____-2026-06-15.csv\"; filename*=UTF-8''census-lebanon-responses-governorate-%D8%A8%D8%B9%D9%84%D8%A8%D9%83-2026-06-15.csv",
    ],
    ['quote"d (1)*.csv', "attachment; filename=\"quote_d _1__.csv\"; filename*=UTF-8''quote%22d%20%281%29%2A.csv"],
  ])("%s goes as plain ASCII, and exactly in filename* when it is not", async (fileName, disposition) => {
    const res = await request(appNaming(fileName)).get("/file").expect(200);
    expect(res.headers["content-disposition"]).toBe(disposition);
    const encoded = /filename\*=UTF-8''(.*)$/.exec(disposition)?.[1];
    if (encoded !== undefined) expect(decodeURIComponent(encoded)).toBe(fileName);
  });
});
