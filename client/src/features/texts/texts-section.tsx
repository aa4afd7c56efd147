import { isRightToLeft, type ManagedExcerpt, type TextAnswer, type TextsPage } from "@passerelle/shared";
import { useState, type FormEvent } from "react";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { DashboardSection } from "../dashboard/dashboard-section";
import type { DashboardQuestionnaire } from "../dashboard/dashboard-questionnaire";
import { browseTexts, listExcerpts, publishExcerpt, reviseExcerpt, withdrawExcerpt } from "./texts.api";
import { numberFormats as numberFormatsOf } from "../dashboard/number-format";
import { textsMessages } from "./texts.messages";
import "./texts.css";

const PAGE_SIZE = 20;

interface TextsSectionProps {
  surveyId: string;
  questionnaire: DashboardQuestionnaire;
  /** The dashboard's filters as a query string. */
  query: string;
}

/**
 * The written answers, for analysts and administrators: one question's (or all), under the
 * dashboard's filters, searched and paged, each with the authority named; an excerpt of any of
 * them can be published for the brief, and the excerpts whose answer changed are listed for review.
 */
export function TextsSection({ surveyId, questionnaire, query }: TextsSectionProps) {
  const { t, intlLocale } = useMessages(textsMessages);
  const n = numberFormatsOf(intlLocale).integer;
  const [question, setQuestion] = useState("");
  const [search, setSearch] = useState("");
  const [typed, setTyped] = useState("");
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [texts, reload] = useLoader(
    (signal) => browseTexts(surveyId, query, { question: question || undefined, q: search || undefined, page, pageSize: PAGE_SIZE }, signal),
    [surveyId, query, question, search, page, version],
  );
  const [excerpts] = useLoader((signal) => listExcerpts(surveyId, query, signal), [surveyId, query, version]);
  // Said once the server has answered, above the list (which reloads with the change).
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const handleChanged = (said: { tone: "info" | "error"; text: string }) => {
    setNotice(said);
    if (said.tone === "info") setVersion((value) => value + 1);
  };
  const refresh = () => setVersion((value) => value + 1);
  const handleSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch(typed.trim());
    setPage(1);
  };
  // The census asks "Describe the need" once per theme: the theme tells them apart.
  const themeLabels = new Map((questionnaire.themeQuestion?.choices ?? []).map((choice) => [choice.theme, choice.label]));
  // A comment box or an "other" text is named by the question it is beside.
  const sources = new Map(texts.status === "ready" ? texts.data.questions.map((summary) => [summary.name, summary]) : []);
  const titleOf = (name: string) => {
    const summary = sources.get(name);
    const question = questionnaire.questions.get(summary?.question ?? name);
    const theme = question?.theme ? themeLabels.get(question.theme) : undefined;
    const title = question?.title ?? summary?.question ?? name;
    const shown = summary?.source === "comment" ? t("textsCommentOf", { title }) : summary?.source === "other" ? t("textsOtherOf", { title }) : title;
    return theme ? `${theme} — ${shown}` : shown;
  };
  const toReview = excerpts.status === "ready" ? (excerpts.data.excerpts as ManagedExcerpt[]).filter((excerpt) => excerpt.status === "to_review") : [];

  return (
    <DashboardSection title={t("textsTitle")}>
      <p className="muted">{t("textsIntro")}</p>
      <div className="texts-controls">
        <label>
          {t("textsQuestion")}
          <select
            value={question}
            onChange={(event) => {
              setQuestion(event.target.value);
              setPage(1);
            }}
          >
            <option value="">{t("textsAllQuestions", { count: texts.status === "ready" ? n(sum(texts.data)) : "…" })}</option>
            {texts.status === "ready" &&
              texts.data.questions.map((candidate) => (
                <option key={candidate.name} value={candidate.name}>
                  {t("textsQuestionOption", { title: titleOf(candidate.name), count: n(candidate.answered) })}
                </option>
              ))}
          </select>
        </label>
        <form role="search" onSubmit={handleSearch} className="texts-search">
          <label>
            {t("textsSearch")}
            <input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
          </label>
          <button type="submit" className="button">
            {t("textsSearchButton")}
          </button>
        </form>
      </div>
      {toReview.length > 0 && <ReviewList surveyId={surveyId} excerpts={toReview} onChanged={refresh} />}
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {texts.status === "loading" && <p role="status">{t("textsLoading")}</p>}
      {texts.status === "error" && (
        <Alert tone="error">
          <p>{t("textsLoadFailed", { reason: t(errorMessageKey(texts.error)) })}</p>
          <button type="button" className="button" onClick={reload}>
            {t("retry")}
          </button>
        </Alert>
      )}
      {texts.status === "ready" && (
        <>
          <p role="status">{texts.data.total === 0 ? t("textsNone") : t("textsCount", { count: n(texts.data.total) })}</p>
          <ol className="texts-list">
            {texts.data.items.map((item) => (
              <TextItem
                key={`${item.responseId}/${item.questionName}`}
                surveyId={surveyId}
                item={item}
                title={titleOf(item.questionName)}
                onChanged={handleChanged}
              />
            ))}
          </ol>
          <Pager page={texts.data.page} pages={Math.max(1, Math.ceil(texts.data.total / PAGE_SIZE))} onPage={setPage} />
        </>
      )}
    </DashboardSection>
  );
}

function sum(page: TextsPage): number {
  return page.questions.reduce((total, question) => total + question.answered, 0);
}

type Notice = { tone: "info" | "error"; text: string };

function TextItem({ surveyId, item, title, onChanged }: { surveyId: string; item: TextAnswer; title: string; onChanged: (notice: Notice) => void }) {
  const { t, formats } = useTextsFormats();
  const [isPublishing, setPublishing] = useState(false);
  const withdraw = async (id: string) => {
    try {
      await withdrawExcerpt(surveyId, id);
      onChanged({ tone: "info", text: t("textsWithdrawn") });
    } catch (error) {
      onChanged({ tone: "error", text: t("textsFailed", { reason: t(errorMessageKey(error)) }) });
    }
  };
  return (
    <li className="text-item">
      <p className="text-meta">
        <strong>{item.authorityName ?? t("textsUnnamed")}</strong> · {title}
        {item.submittedAt ? ` · ${formats.date(item.submittedAt.slice(0, 10))}` : ""}
      </p>
      <blockquote lang={item.locale} dir={isRightToLeft(item.locale) ? "rtl" : "ltr"}>
        {item.text}
      </blockquote>
      {item.excerptIds.length > 0 && (
        <p className="text-excerpts">
          {t("textsPublishedCount", { count: formats.integer(item.excerptIds.length) })}{" "}
          {item.excerptIds.map((id) => (
            <button key={id} type="button" className="link-button" onClick={() => void withdraw(id)}>
              {t("textsWithdraw")}
            </button>
          ))}
        </p>
      )}
      {isPublishing ? (
        <PublishForm
          surveyId={surveyId}
          item={item}
          onDone={(published) => {
            setPublishing(false);
            if (published) onChanged({ tone: "info", text: t("textsPublished") });
          }}
        />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setPublishing(true)}>
          {t("textsPublish")}
        </button>
      )}
    </li>
  );
}

function PublishForm({ surveyId, item, onDone }: { surveyId: string; item: TextAnswer; onDone: (published: boolean) => void }) {
  const { t } = useMessages(textsMessages);
  const [text, setText] = useState(item.text);
  const [keepAuthority, setKeepAuthority] = useState(false);
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setFailure(null);
    try {
      const edited = text.trim() === item.text.trim() ? undefined : text;
      await publishExcerpt(surveyId, { responseId: item.responseId, questionName: item.questionName, keepAuthority, ...(edited ? { text: edited } : {}) });
      onDone(true);
    } catch (error) {
      setFailure(t("textsFailed", { reason: t(errorMessageKey(error)) }));
      setSending(false);
    }
  };
  return (
    <form className="publish-form" onSubmit={(event) => void handleSubmit(event)}>
      <label>
        {t("textsPublishTitle")}
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={4} dir="auto" lang={item.locale} maxLength={2000} required />
      </label>
      <p className="muted">{t("textsPublishHint")}</p>
      <label className="checkbox">
        <input type="checkbox" checked={keepAuthority} onChange={(event) => setKeepAuthority(event.target.checked)} />
        {t("textsKeepName")}
      </label>
      {failure && <Alert tone="error">{failure}</Alert>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSending}>
          {isSending ? t("textsPublishing") : t("textsConfirm")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(false)} disabled={isSending}>
          {t("textsCancel")}
        </button>
      </div>
    </form>
  );
}

function ReviewList({ surveyId, excerpts, onChanged }: { surveyId: string; excerpts: ManagedExcerpt[]; onChanged: () => void }) {
  const { t, formats } = useTextsFormats();
  const [failure, setFailure] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      onChanged();
    } catch (error) {
      setFailure(t("textsFailed", { reason: t(errorMessageKey(error)) }));
    }
  };
  return (
    <Alert tone="info">
      <p>{t("textsToReview", { count: formats.integer(excerpts.length) })}</p>
      <ul>
        {excerpts.map((excerpt) => (
          <li key={excerpt.id}>
            <blockquote dir="auto" lang={excerpt.locale}>
              {excerpt.text}
            </blockquote>
            {excerpt.currentText !== null && (
              <p>
                {t("textsReviewNow")} <q dir="auto">{excerpt.currentText}</q>
              </p>
            )}
            {excerpt.currentText !== null && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void act(() => reviseExcerpt(surveyId, excerpt.id, { text: excerpt.text, keepAuthority: excerpt.authorityName !== null }))}
              >
                {t("textsReviewKeep")}
              </button>
            )}{" "}
            <button type="button" className="button button-secondary" onClick={() => void act(() => withdrawExcerpt(surveyId, excerpt.id))}>
              {t("textsWithdraw")}
            </button>
          </li>
        ))}
      </ul>
      {failure && <p>{failure}</p>}
    </Alert>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t, formats } = useTextsFormats();
  if (pages <= 1) return null;
  return (
    <nav className="texts-pager">
      <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("textsPrevious")}
      </button>
      <span>{t("textsPageOf", { page: formats.integer(page), pages: formats.integer(pages) })}</span>
      <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t("textsNext")}
      </button>
    </nav>
  );
}

function useTextsFormats() {
  const messages = useMessages(textsMessages);
  return { ...messages, formats: numberFormatsOf(messages.intlLocale) };
}
