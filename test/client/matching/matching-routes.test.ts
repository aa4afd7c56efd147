import { matchingPath, parseRoute } from "../../../client/src/app/routes";

test.each([
  ["/matching", { name: "matching" }],
  ["/matching/", { name: "matching" }],
  ["/matching/more", { name: "not-found" }],
])("parseRoute(%s)", (pathname, expected) => {
  expect(parseRoute(pathname, "")).toEqual(expected);
});

test.each([
  [{}, "/matching"],
  [{ tab: "proposal" }, "/matching?tab=proposal"],
  [{ tab: "lebanese", id: "a b/é" }, "/matching?tab=lebanese&id=a+b%2F%C3%A9"],
])("matchingPath(%j) is %s and reads back", (view, path) => {
  expect(matchingPath(view)).toBe(path);
  const url = new URL(path, "http://localhost");
  expect(parseRoute(url.pathname, "")).toEqual({ name: "matching" });
  expect(url.searchParams.get("id")).toBe("id" in view ? view.id : null);
});
