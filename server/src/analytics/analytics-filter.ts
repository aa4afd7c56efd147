import { z } from "zod";
import { readQuestionnaireShape } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import { parseQuery } from "../http/validation-details";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";
import type { Disclosure } from "../disclosure/figure-gate";

const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "is a date as YYYY-MM-DD")
  .refine(
    // Date.parse accepts 2026-02-31 (as 3 March): require the date to read back unchanged.
    (text) => {
      const time = Date.parse(`${text}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
    },
    "is not a calendar date",
  );

/**
 * The filters of an analytics request, checked against the questionnaire: one optional
 * parameter per breakdown field, whose value must be one of that question's choices (an
 * unknown governorate is a 400, not an empty chart), and a period `from`–`to` (inclusive days).
 * A controlled reader (a viewer) narrows by one thing at most: one breakdown value, or one
 * calendar month (`from` its first day, `to` its last), the groups the release plan covers.
 */
export function parseAnalyticsFilter(questionnaire: Questionnaire, query: unknown, disclosure: Disclosure = "exact"): ResponseFilter {
  const parsed = parseQuery(analyticsQuerySchema(questionnaire), query, "The filters are not valid for this questionnaire.");
  const { from, to, ...breakdown } = parsed as Record<string, string | undefined>;
  const filter: ResponseFilter = { surveyId: questionnaire.id, status: "submitted" };
  const values = Object.fromEntries(Object.entries(breakdown).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (Object.keys(values).length > 0) filter.breakdown = values;
  if (from) filter.submittedFrom = new Date(`${from}T00:00:00Z`);
  if (to) filter.submittedBefore = new Date(Date.parse(`${to}T00:00:00Z`) + 24 * 3600 * 1000);
  if (filter.submittedFrom && filter.submittedBefore && filter.submittedFrom >= filter.submittedBefore) {
    throw new AppError("invalid_request", "The period ends before it starts.", [{ question: "to", message: "is before from" }]);
  }
  if (disclosure === "controlled") checkControlledFilter(filter, Object.keys(values));
  return filter;
}

function checkControlledFilter(filter: ResponseFilter, fields: string[]): void {
  const hasPeriod = !!filter.submittedFrom || !!filter.submittedBefore;
  if (fields.length + (hasPeriod ? 1 : 0) > 1) {
    throw new AppError("invalid_request", "Your role narrows the figures by one thing at a time: one breakdown value or one month.", [
      { question: fields[1] ?? "from", message: "combines two filters" },
    ]);
  }
  if (hasPeriod && !isCalendarMonth(filter.submittedFrom, filter.submittedBefore)) {
    throw new AppError("invalid_request", "Your role sees periods of whole calendar months: from the first day of a month to its last.", [
      { question: "from", message: "is not a whole calendar month" },
    ]);
  }
}

function isCalendarMonth(from: Date | undefined, before: Date | undefined): boolean {
  if (!from || !before || from.getUTCDate() !== 1) return false;
  const next = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return next.getTime() === before.getTime();
}

const schemas = new WeakMap<Questionnaire, z.ZodType>();

function analyticsQuerySchema(questionnaire: Questionnaire): z.ZodType {
  const cached = schemas.get(questionnaire);
  if (cached) return cached;
  const shape = readQuestionnaireShape(questionnaire.definition);
  const fields: Record<string, z.ZodType> = {};
  for (const field of questionnaire.breakdownFields) {
    const choices = shape.questions.find((question) => question.name === field)?.choices ?? [];
    fields[field] = choices.length > 0 ? z.enum(choices as [string, ...string[]]).optional() : z.string().max(200).optional();
  }
  const schema = z.strictObject({ ...fields, from: IsoDateSchema.optional(), to: IsoDateSchema.optional() });
  schemas.set(questionnaire, schema);
  return schema;
}
