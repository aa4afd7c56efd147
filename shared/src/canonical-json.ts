/**
 * JSON with every object's keys sorted: two values that are the same data give the same text
 * whatever the order their keys were written in (a request fingerprinted on the server, answers
 * compared on the client). Built as text, never as a new object, so a key such as "__proto__"
 * stays data.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
