import type { z } from "zod";
import type { ErrorDetail } from "@passerelle/shared";
import { AppError } from "./app-error";

/**
 * The details of a failed zod parse, one per field or parameter at fault. zod reports unknown
 * keys together, on the object holding them; each is named here on its own, so that the client
 * (and the person reading) sees which field to remove rather than "(query)".
 */
export function validationDetails(error: z.ZodError, whole: "(body)" | "(query)"): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ question: [...path, key].join("."), message: "is not expected here" }));
    }
    return [{ question: path.join(".") || whole, message: issue.message }];
  });
}

/** Parses query parameters with a zod schema; a wrong one is a 400 naming each parameter at fault. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new AppError("invalid_request", message, validationDetails(parsed.error, "(query)"));
  return parsed.data;
}
