import {
  BRIEF_FACETS,
  BRIEF_FACET_WORDS,
  isRightToLeft,
  isSuppressed,
  submissionsByMonth,
  type BriefWordKey,
  type ExcerptView,
  type QuestionFigures,
  type ThematicBrief,
} from "@passerelle/shared";
import type { ReactNode } from "react";
import { themeColour, NEUTRAL_COLOUR } from "../dashboard/theme-colours";
import type { DashboardQuestionnaire, StatQuestion } from "../dashboard/dashboard-questionnaire";
import type { NumberFormats } from "../dashboard/number-format";
import { ChoroplethMap, choiceByArea, findAreaField, respondentsByArea, type AreaLevel } from "../maps";

/** What every section of the brief reads: its figures, labels, numbers and words. */
export interface BriefContext {
  brief: ThematicBrief;
  questionnaire: DashboardQuestionnaire;
  formats: NumberFormats;
  word: (key: BriefWordKey, values?: Record<string, string>) => string;
}

/** How many themes of the priorities get a map of their own. */
const MAPPED_THEMES = 3;

/** A figure, or the words a withheld one is shown with (never a zero). */
function shown(value: number | null | undefined, format: (value: number) => string, ctx: BriefContext): string {
  return value === null || value === undefined ? ctx.word("briefWithheld") : format(value);
}

/** Bars drawn with CSS: crisp on paper at any size, readable in both directions. */
export function BarList({ rows, ctx }: { rows: { label: string; value: number | null; text?: string; colour?: string }[]; ctx: BriefContext }) {
  const most = Math.max(1, ...rows.map((row) => row.value ?? 0));
  return (
    <table className="brief-bars">
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="brief-bar-cell">
              {row.value !== null && (
                <span className="brief-bar" style={{ inlineSize: `${(row.value / most) * 100}%`, backgroundColor: row.colour ?? NEUTRAL_COLOUR }} />
              )}
            </td>
            <td className="brief-bar-value">{row.text ?? shown(row.value, ctx.formats.integer, ctx)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FrontPage({ ctx }: { ctx: BriefContext }) {
  const { brief, formats, word, questionnaire } = ctx;
  const respondents = brief.overview.respondents;
  const field = questionnaire.breakdownFields[0];
  const area = areaFieldOf(questionnaire, "governorate") ?? areaFieldOf(questionnaire, "district");
  return (
    <section className="brief-front">
      <h2>{word("briefWhoAnswered")}</h2>
      <dl className="brief-facts">
        <dt>{word("briefRespondents")}</dt>
        <dd>{shown(respondents, formats.integer, ctx)}</dd>
        {brief.invited !== null && (
          <>
            <dt>{word("briefInvited")}</dt>
            <dd>
              {respondents === null
                ? formats.integer(brief.invited)
                : word("briefResponseRate", {
                    respondents: formats.integer(respondents),
                    invited: formats.integer(brief.invited),
                    share: brief.invited > 0 ? formats.percent(respondents / brief.invited) : "—",
                  })}
            </dd>
          </>
        )}
        {brief.period && (
          <>
            <dt>{word("briefPeriod")}</dt>
            <dd>{word("briefPeriodValue", { from: formats.date(brief.period.from), to: formats.date(brief.period.to) })}</dd>
          </>
        )}
        <dt>{word("briefVersions")}</dt>
        <dd>
          {brief.versions
            .map((version) =>
              version.firstSeenAt
                ? word("briefVersionValue", { version: version.version.slice(0, 8), date: formats.date(version.firstSeenAt.slice(0, 10)) })
                : version.version.slice(0, 8),
            )
            .join(" ; ")}
        </dd>
      </dl>
      {field && (
        <>
          <h3>{word("briefByGroup", { field: field.title })}</h3>
          <div className="brief-pair">
            <BarList
              ctx={ctx}
              rows={(brief.overview.breakdowns[field.name] ?? []).map((cell) => ({
                label: labelOf(field, cell.value),
                value: isSuppressed(cell.respondents) ? null : cell.respondents.count,
              }))}
            />
            {area && (
              <ChoroplethMap
                level={area.level}
                values={respondentsByArea(brief.overview, area.field.name)}
                label={word("briefRespondents")}
                areaLabels={areaLabels(area.field)}
              />
            )}
          </div>
        </>
      )}
      {brief.overview.tracking.length > 0 && (
        <>
          <h3>{word("briefOverTime")}</h3>
          <BarList ctx={ctx} rows={submissionsByMonth(brief.overview.tracking).map(([month, count]) => ({ label: formats.date(month), value: count }))} />
        </>
      )}
      <h3>{word("briefMethod")}</h3>
      <ul className="brief-method">
        <li>
          {brief.themes.scoreBase
            ? word("briefMethodScore", { base: formats.integer(brief.themes.scoreBase), base1: formats.integer(brief.themes.scoreBase - 1) })
            : word("briefMethodChoice")}
        </li>
        <li>{word("briefMethodSmallGroups", { min: formats.integer(brief.minGroupSize) })}</li>
        {brief.disclosure === "controlled" && <li>{word("briefMethodControlled")}</li>}
        <li>{word("briefMethodLeftOut")}</li>
      </ul>
    </section>
  );
}

export function Priorities({ ctx }: { ctx: BriefContext }) {
  const { brief, formats, word, questionnaire } = ctx;
  const labels = themeLabelsOf(questionnaire);
  const entries = brief.priorities.map((theme) => brief.themes.themes.find((entry) => entry.theme === theme)!);
  const mapped = entries.filter((entry) => !isSuppressed(entry.overall) && entry.overall.cited > 0).slice(0, MAPPED_THEMES);
  return (
    <section className="brief-priorities brief-page">
      <h2>{word("briefPriorities")}</h2>
      <table className="brief-table">
        <thead>
          <tr>
            <th scope="col">{word("briefRank")}</th>
            <th scope="col">{word("briefTheme")}</th>
            {brief.themes.scoreBase !== null && <th scope="col">{word("briefScore")}</th>}
            <th scope="col">{word("briefShare")}</th>
            <th scope="col">{word("briefCited")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => {
            const figures = isSuppressed(entry.overall) ? null : entry.overall;
            return (
              <tr key={entry.theme}>
                <td>{formats.integer(index + 1)}</td>
                <th scope="row">
                  <span className="swatch" style={{ backgroundColor: themeColour(entry.theme) }} aria-hidden="true" /> {labels.get(entry.theme) ?? entry.theme}
                </th>
                {brief.themes.scoreBase !== null && <td>{shown(figures?.score, formats.integer, ctx)}</td>}
                <td>
                  <span className="brief-inline-bar" style={{ inlineSize: `${(figures?.share ?? 0) * 6}rem`, backgroundColor: themeColour(entry.theme) }} />{" "}
                  {figures ? (figures.share === null ? "—" : formats.percent(figures.share)) : word("briefWithheld")}
                </td>
                <td>{shown(figures?.cited, formats.integer, ctx)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="brief-maps">
        {mapped.map((entry) => (
          <ThemeMap key={entry.theme} theme={entry.theme} ctx={ctx} title={labels.get(entry.theme) ?? entry.theme} />
        ))}
      </div>
    </section>
  );
}

function ThemeMap({ theme, title, ctx }: { theme: string; title: string; ctx: BriefContext }) {
  const { brief, questionnaire, formats, word } = ctx;
  const area = areaFieldOf(questionnaire, "district") ?? areaFieldOf(questionnaire, "governorate");
  const choice = questionnaire.themeQuestion?.choices.find((candidate) => candidate.theme === theme)?.value;
  if (!area || !brief.themeQuestion || !choice) return null;
  return (
    <div className="brief-map">
      <h3>
        {title} — {word("briefShare")}
      </h3>
      <ChoroplethMap
        level={area.level}
        values={choiceByArea(brief.themeQuestion, { field: area.field.name, choice, measure: "share" })}
        label={`${title} — ${word("briefShare")}`}
        format={formats.percent}
        areaLabels={areaLabels(area.field)}
      />
    </div>
  );
}

export function ThemeSections({ ctx }: { ctx: BriefContext }) {
  const { brief } = ctx;
  return (
    <>
      {brief.priorities.map((theme) => {
        const entry = brief.themes.themes.find((candidate) => candidate.theme === theme)!;
        if (isSuppressed(entry.overall) || entry.overall.cited === 0) return null;
        return <ThemeSection key={theme} theme={theme} ctx={ctx} />;
      })}
      <OtherExcerpts ctx={ctx} />
    </>
  );
}

function ThemeSection({ theme, ctx }: { theme: string; ctx: BriefContext }) {
  const { brief, formats, word, questionnaire } = ctx;
  const entry = brief.themes.themes.find((candidate) => candidate.theme === theme)!;
  const figures = entry.overall as Exclude<typeof entry.overall, { suppressed: true }>;
  const title = themeLabelsOf(questionnaire).get(theme) ?? theme;
  const groupField = brief.themes.groupField ? questionnaire.questions.get(brief.themes.groupField) : undefined;
  const citers = brief.citers[theme];
  const excerpts = brief.excerpts.filter((excerpt) => excerpt.theme === theme);
  return (
    <section className="brief-theme brief-page" aria-label={title}>
      <h2>
        <span className="swatch" style={{ backgroundColor: themeColour(theme) }} aria-hidden="true" /> {title}
      </h2>
      <p className="brief-lead">
        {word("briefCitedBy", { count: formats.integer(figures.cited), share: figures.share === null ? "—" : formats.percent(figures.share) })}
        {figures.rankedFirst !== null && (
          <>
            {" "}
            ·{" "}
            {word("briefRankedFirst", {
              count: formats.integer(figures.rankedFirst),
              rank: figures.meanRank === null ? "—" : formats.decimal(figures.meanRank),
            })}
          </>
        )}
      </p>
      <div className="brief-pair">
        {groupField && (
          <Block title={word("briefWhere")}>
            <BarList
              ctx={ctx}
              rows={Object.entries(entry.byGroup).map(([value, cell]) => ({
                label: labelOf(groupField, value),
                value: isSuppressed(cell) ? null : cell.cited,
                text: isSuppressed(cell)
                  ? word("briefWithheld")
                  : `${formats.integer(cell.cited)} (${cell.share === null ? "—" : formats.percent(cell.share)})`,
                colour: themeColour(theme),
              }))}
            />
          </Block>
        )}
        <ThemeMap theme={theme} title={title} ctx={ctx} />
      </div>
      <div className="brief-facets">
        {BRIEF_FACETS.map((facet) => {
          const shownFacet = figures.facets[facet];
          const question = questionnaire.questions.get(brief.facetQuestions[theme]?.[facet] ?? "");
          return shownFacet && question ? (
            <Block key={facet} title={word(BRIEF_FACET_WORDS[facet])}>
              <CountsBars figures={shownFacet} question={question} ctx={ctx} colour={themeColour(theme)} />
            </Block>
          ) : null;
        })}
      </div>
      {citers && !isSuppressed(citers) && (
        <>
          <h3>{word("briefCrossed")}</h3>
          <div className="brief-facets">
            {brief.crossedQuestions.map((name) => {
              const question = questionnaire.questions.get(name);
              const crossed = citers.questions[name];
              return question && crossed ? (
                <Block key={name} title={question.title}>
                  <CountsBars figures={crossed} question={question} ctx={ctx} />
                </Block>
              ) : null;
            })}
          </div>
        </>
      )}
      <h3>{word("briefExcerpts")}</h3>
      {excerpts.length === 0 ? <p className="muted">{word("briefNoExcerpt")}</p> : <Excerpts excerpts={excerpts} ctx={ctx} />}
    </section>
  );
}

function OtherExcerpts({ ctx }: { ctx: BriefContext }) {
  const others = ctx.brief.excerpts.filter((excerpt) => excerpt.theme === null);
  if (others.length === 0) return null;
  return (
    <section className="brief-page">
      <h2>{ctx.word("briefOtherExcerpts")}</h2>
      <Excerpts excerpts={others} ctx={ctx} />
    </section>
  );
}

function Excerpts({ excerpts, ctx }: { excerpts: ExcerptView[]; ctx: BriefContext }) {
  return (
    <ul className="brief-excerpts">
      {excerpts.map((excerpt) => (
        <li key={excerpt.id}>
          <blockquote lang={excerpt.locale} dir={isRightToLeft(excerpt.locale) ? "rtl" : "ltr"}>
            {excerpt.text}
          </blockquote>
          <p className="brief-attribution">— {excerpt.authorityName ?? ctx.word("briefUnattributed")}</p>
        </li>
      ))}
    </ul>
  );
}

function CountsBars({ figures, question, ctx, colour }: { figures: QuestionFigures; question: StatQuestion; ctx: BriefContext; colour?: string }) {
  if (figures.kind !== "counts") return null;
  return (
    <BarList
      ctx={ctx}
      rows={Object.entries(figures.counts).map(([value, count]) => ({ label: labelOf(question, value), value: count, ...(colour ? { colour } : {}) }))}
    />
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="brief-block">
      <h4>{title}</h4>
      {children}
    </div>
  );
}

function labelOf(question: StatQuestion, value: string): string {
  return question.choices.find((choice) => choice.value === value)?.label ?? value;
}

function themeLabelsOf(questionnaire: DashboardQuestionnaire): ReadonlyMap<string, string> {
  return new Map((questionnaire.themeQuestion?.choices ?? []).filter((choice) => choice.theme).map((choice) => [choice.theme as string, choice.label]));
}

function areaFieldOf(questionnaire: DashboardQuestionnaire, level: AreaLevel): { field: StatQuestion; level: AreaLevel } | undefined {
  const field = findAreaField(questionnaire.breakdownFields, level);
  return field ? { field, level } : undefined;
}

function areaLabels(field: StatQuestion): ReadonlyMap<string, string> {
  return new Map(field.choices.map((choice) => [choice.value, choice.label]));
}
