import { randomUUID } from "node:crypto";
import type { ExcerptList, ExcerptView, ManagedExcerpt, PublishExcerpt, ReviseExcerpt } from "@passerelle/shared";
import { auditEntry, type AuditDeps } from "../access/audit";
import { parseAnalyticsFilter } from "../analytics/analytics-filter";
import type { Disclosure } from "../disclosure/figure-gate";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { StoredExcerpt } from "../store/excerpt-store.port";
import type { ResponseFilter, StoredResponse } from "../store/store.port";
import { authorityNameOf, textQuestionsOf, textReaderOf, type TextReader } from "./text-questions";

export interface ExcerptsDeps extends AuditDeps {
  questionnaires: QuestionnaireRegistry;
}

/** Publishes a passage of a submitted response's written answer, audited in the same write. */
export async function publishExcerpt(deps: ExcerptsDeps, request: { surveyId: string; actor: string; body: PublishExcerpt }): Promise<ManagedExcerpt> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const { body } = request;
  const question = textQuestionsOf(questionnaire).find((candidate) => candidate.name === body.questionName);
  if (!question) {
    throw new AppError("invalid_request", `"${body.questionName}" is not a free-text question of this questionnaire.`, [
      { question: "questionName", message: "is not a free-text question of this questionnaire" },
    ]);
  }
  const response = await deps.store.responses.findById(body.responseId);
  if (!response || response.surveyId !== questionnaire.id || response.status !== "submitted") {
    throw new AppError("invalid_request", "The excerpt must come from a submitted response to this questionnaire.", [
      { question: "responseId", message: "is not a submitted response of this questionnaire" },
    ]);
  }
  const answer = question.read(response.answers);
  if (answer === undefined) {
    throw new AppError("invalid_request", `The response has no written answer to "${question.name}".`, [
      { question: "questionName", message: "has no answer in this response" },
    ]);
  }
  const now = deps.now();
  const excerpt: StoredExcerpt = {
    id: randomUUID(),
    surveyId: questionnaire.id,
    responseId: response.id,
    questionName: question.name,
    theme: question.theme ?? null,
    text: body.text ?? answer,
    sourceText: answer,
    locale: response.locale,
    authorityName: body.keepAuthority ? authorityNameOf(questionnaire, response) : null,
    publishedBy: request.actor,
    publishedAt: now,
    updatedAt: now,
  };
  await deps.store.excerpts.insert(excerpt, {
    audit: auditEntry(now, { actor: request.actor, action: "excerpt_published", target: excerpt.id, details: describe(excerpt) }),
  });
  return presentManaged(textReaderOf(questionnaire), excerpt, response);
}

/** Changes an excerpt's text or attribution and marks it reviewed against the answer as it reads now. */
export async function reviseExcerpt(
  deps: ExcerptsDeps,
  request: { surveyId: string; id: string; actor: string; body: ReviseExcerpt },
): Promise<ManagedExcerpt> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const excerpt = await findExcerpt(deps, questionnaire, request.id);
  const response = await deps.store.responses.findById(excerpt.responseId);
  const answer = response?.status === "submitted" ? textReaderOf(questionnaire)(response, excerpt.questionName) : undefined;
  if (!response || answer === undefined) {
    throw new AppError("invalid_request", "The answer this excerpt came from is no longer there: withdraw the excerpt instead.", [
      { question: "id", message: "has no answer left to review against" },
    ]);
  }
  const now = deps.now();
  const changes = {
    text: request.body.text,
    sourceText: answer,
    authorityName: request.body.keepAuthority ? authorityNameOf(questionnaire, response) : null,
    updatedAt: now,
  };
  const written = await deps.store.excerpts.update(excerpt.id, changes, {
    audit: auditEntry(now, { actor: request.actor, action: "excerpt_revised", target: excerpt.id, details: describe(excerpt) }),
  });
  if (!written) throw new AppError("excerpt_not_found", `There is no excerpt "${request.id}".`);
  return presentManaged(textReaderOf(questionnaire), written, response);
}

/** Withdraws an excerpt from the brief, audited in the same write. */
export async function withdrawExcerpt(deps: ExcerptsDeps, request: { surveyId: string; id: string; actor: string }): Promise<void> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const excerpt = await findExcerpt(deps, questionnaire, request.id);
  const audit = auditEntry(deps.now(), { actor: request.actor, action: "excerpt_withdrawn", target: excerpt.id, details: describe(excerpt) });
  if (!(await deps.store.excerpts.delete(excerpt.id, { audit }))) throw new AppError("excerpt_not_found", `There is no excerpt "${request.id}".`);
}

/**
 * The excerpts of the responses matching the dashboard's filters (and theme). Analysts get
 * every excerpt with its status and source; viewers only those whose answer is unchanged since
 * publication, without the response they come from.
 */
export async function listExcerpts(
  deps: ExcerptsDeps,
  request: { surveyId: string; query: Record<string, unknown>; disclosure: Disclosure },
): Promise<ExcerptList> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const { theme, ...filters } = request.query;
  if (theme !== undefined && typeof theme !== "string") {
    throw new AppError("invalid_request", "The theme is one theme id.", [{ question: "theme", message: "is not one theme id" }]);
  }
  const filter = parseAnalyticsFilter(questionnaire, filters, request.disclosure);
  const managed = await managedExcerpts(deps, questionnaire, filter);
  const chosen = managed.filter((excerpt) => theme === undefined || excerpt.theme === theme);
  return {
    surveyId: questionnaire.id,
    excerpts: request.disclosure === "controlled" ? chosen.filter((excerpt) => excerpt.status === "published").map(presentForViewer) : chosen,
  };
}

/** Every excerpt whose response matches the filter, with its status against the answer as it reads now. */
export async function managedExcerpts(deps: ExcerptsDeps, questionnaire: Questionnaire, filter: ResponseFilter): Promise<ManagedExcerpt[]> {
  const excerpts = await deps.store.excerpts.listForSurvey(questionnaire.id);
  const responses = new Map<string, StoredResponse | null>();
  for (const excerpt of excerpts) {
    if (!responses.has(excerpt.responseId)) responses.set(excerpt.responseId, await deps.store.responses.findById(excerpt.responseId));
  }
  const read = textReaderOf(questionnaire);
  return excerpts.flatMap((excerpt) => {
    const response = responses.get(excerpt.responseId) ?? null;
    // A response gone or back to a draft matches no filter: its excerpts show to analysts only unfiltered.
    if (response && !matchesFilter(response, filter)) return [];
    if (!response && (filter.breakdown || filter.submittedFrom || filter.submittedBefore)) return [];
    return [presentManaged(read, excerpt, response)];
  });
}

export function presentForViewer(excerpt: ExcerptView): ExcerptView {
  return {
    id: excerpt.id,
    questionName: excerpt.questionName,
    theme: excerpt.theme,
    text: excerpt.text,
    locale: excerpt.locale,
    authorityName: excerpt.authorityName,
  };
}

function presentManaged(read: TextReader, excerpt: StoredExcerpt, response: StoredResponse | null): ManagedExcerpt {
  const currentText = response?.status === "submitted" ? (read(response, excerpt.questionName) ?? null) : null;
  return {
    id: excerpt.id,
    questionName: excerpt.questionName,
    theme: excerpt.theme,
    text: excerpt.text,
    locale: excerpt.locale,
    authorityName: excerpt.authorityName,
    status: currentText === excerpt.sourceText ? "published" : "to_review",
    responseId: excerpt.responseId,
    sourceText: excerpt.sourceText,
    currentText,
    publishedBy: excerpt.publishedBy,
    publishedAt: excerpt.publishedAt.toISOString(),
    updatedAt: excerpt.updatedAt.toISOString(),
  };
}

async function findExcerpt(deps: ExcerptsDeps, questionnaire: Questionnaire, id: string): Promise<StoredExcerpt> {
  const excerpt = await deps.store.excerpts.findById(id);
  if (!excerpt || excerpt.surveyId !== questionnaire.id) throw new AppError("excerpt_not_found", `There is no excerpt "${id}".`);
  return excerpt;
}

function matchesFilter(response: StoredResponse, filter: ResponseFilter): boolean {
  if (filter.status && response.status !== filter.status) return false;
  for (const [field, value] of Object.entries(filter.breakdown ?? {})) if (response.breakdown[field] !== value) return false;
  const submitted = response.submittedAt?.getTime();
  if (filter.submittedFrom && (submitted === undefined || submitted < filter.submittedFrom.getTime())) return false;
  if (filter.submittedBefore && (submitted === undefined || submitted >= filter.submittedBefore.getTime())) return false;
  return true;
}

function describe(excerpt: StoredExcerpt): Record<string, unknown> {
  return { surveyId: excerpt.surveyId, responseId: excerpt.responseId, question: excerpt.questionName };
}
