import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from "docx";
import {
  BRIEF_FACETS,
  BRIEF_FACET_WORDS,
  choiceByArea,
  fillBriefWords,
  isRightToLeft,
  isSuppressed,
  readQuestionnaireShape,
  respondentsByArea,
  submissionsByMonth,
  type AreaLevel,
  type BriefWordKey,
  type ExcerptView,
  type Locale,
  type QuestionFigures,
  type QuestionnaireShape,
  type ThematicBrief,
  type ThemeCatalogue,
} from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import { barChartPng } from "./bar-chart-png";
import { areaFieldOf, briefMap, type BriefMapInput } from "./brief-map";
import { docxMap } from "./brief-docx-map";
import { briefLabels, type BriefLabels } from "./brief-words";

interface DocxInput {
  brief: ThematicBrief;
  questionnaire: Questionnaire;
  catalogue: ThemeCatalogue;
  locale: Locale;
}

/** How many themes of the priorities get a map of their own, as on the brief page. */
const MAPPED_THEMES = 3;

/**
 * The thematic brief as a Word document, the same content as the brief page: the front page,
 * the priorities, one section per theme starting on a new page. Charts and maps are PNG images
 * drawn on the server, each map with its legend and credit line under it and its table kept
 * beside it for readers who do not see the picture; in Arabic every paragraph and table runs right to left, and each excerpt takes
 * the direction of the language it was written in.
 */
export async function writeBriefDocx(input: DocxInput): Promise<Buffer> {
  const writer = new BriefWriter(input);
  const doc = new Document({
    creator: "Passerelle",
    title: writer.word("briefTitle"),
    styles: { default: { document: { run: { font: "Arial", size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        headers: {
          default: new Header({
            children: [writer.paragraph(`${writer.title} · ${writer.filtersLine()} · ${writer.labels.date(input.brief.generatedAt)}`, { size: 16 })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                bidirectional: writer.isRtl,
                children: [
                  new TextRun({ text: `${writer.word("briefPage")} `, rightToLeft: writer.isRtl, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: writer.body(),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

class BriefWriter {
  readonly labels: BriefLabels;
  readonly isRtl: boolean;
  readonly title: string;
  private readonly brief: ThematicBrief;
  readonly locale: Locale;
  private readonly shape: QuestionnaireShape;

  constructor(input: DocxInput) {
    this.brief = input.brief;
    this.locale = input.locale;
    this.shape = readQuestionnaireShape(input.questionnaire.definition);
    this.labels = briefLabels(input.questionnaire, input.catalogue, input.locale);
    this.isRtl = isRightToLeft(input.locale);
    this.title = input.questionnaire.title[input.locale];
  }

  word(key: BriefWordKey, values: Record<string, string | number> = {}): string {
    return fillBriefWords(this.locale, key, values);
  }

  filtersLine(): string {
    const entries = Object.entries(this.brief.filters);
    if (entries.length === 0) return this.word("briefFilters", { filters: this.word("briefNoFilter") });
    const described = entries.map(([field, value]) =>
      field === "from" || field === "to" ? `${field} ${value}` : `${this.labels.question(field)} : ${this.labels.choice(field, value)}`,
    );
    return this.word("briefFilters", { filters: described.join(" · ") });
  }

  paragraph(
    text: string,
    options: {
      size?: number;
      bold?: boolean;
      italics?: boolean;
      heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
      pageBreakBefore?: boolean;
      rtl?: boolean;
    } = {},
  ): Paragraph {
    const rtl = options.rtl ?? this.isRtl;
    return new Paragraph({
      bidirectional: rtl,
      ...(options.heading ? { heading: options.heading } : {}),
      ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
      children: [
        new TextRun({
          text,
          rightToLeft: rtl,
          ...(options.size ? { size: options.size } : {}),
          ...(options.bold ? { bold: true } : {}),
          ...(options.italics ? { italics: true } : {}),
        }),
      ],
    });
  }

  table(header: string[], rows: string[][]): Table {
    const cell = (text: string, bold = false) => new TableCell({ children: [this.paragraph(text, { bold })] });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      visuallyRightToLeft: this.isRtl,
      rows: [
        new TableRow({ tableHeader: true, children: header.map((text) => cell(text, true)) }),
        ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
      ],
    });
  }

  chart(bars: { fraction: number; colour: string }[]): Paragraph {
    const png = barChartPng(bars);
    const height = Math.round((png.readUInt32BE(20) / png.readUInt32BE(16)) * 480);
    return new Paragraph({ bidirectional: this.isRtl, children: [new ImageRun({ type: "png", data: png, transformation: { width: 480, height } })] });
  }

  /** A map under its caption, then its legend, what the hatching means and the credit line. */
  map(input: Omit<BriefMapInput, "locale">): FileChild[] {
    return docxMap(briefMap({ ...input, locale: this.locale }), this);
  }

  /** The area field of the questionnaire for a map, the first level that has one. */
  areaField(levels: readonly AreaLevel[]): { field: string; level: AreaLevel } | undefined {
    return areaFieldOf(this.shape, levels);
  }

  /** A theme's share of respondents per district (per governorate without one), like the brief page's theme maps. */
  themeMap(theme: string): FileChild[] {
    const area = this.areaField(["district", "governorate"]);
    const choice = Object.entries(this.shape.questions.find((question) => question.choiceThemes)?.choiceThemes ?? {}).find(
      ([, candidate]) => candidate === theme,
    )?.[0];
    if (!area || !this.brief.themeQuestion || !choice) return [];
    return this.map({
      level: area.level,
      values: choiceByArea(this.brief.themeQuestion, { field: area.field, choice, measure: "share" }),
      label: `${this.labels.theme(theme)} — ${this.word("briefShare")}`,
      format: (value) => this.labels.percent(value),
    });
  }

  body(): FileChild[] {
    return [...this.frontPage(), ...this.priorities(), ...this.themeSections(), ...this.otherExcerpts()];
  }

  private frontPage(): FileChild[] {
    const { brief, labels } = this;
    const respondents = brief.overview.respondents;
    const children: FileChild[] = [
      this.paragraph(this.word("briefTitle"), { heading: HeadingLevel.TITLE }),
      this.paragraph(this.word("briefSubtitle", { title: this.title }), { size: 28 }),
      this.paragraph(this.word("briefGenerated", { date: labels.date(brief.generatedAt) })),
      this.paragraph(this.filtersLine()),
      this.paragraph(this.word("briefWhoAnswered"), { heading: HeadingLevel.HEADING_1 }),
    ];
    const facts: string[][] = [[this.word("briefRespondents"), respondents === null ? this.word("briefWithheld") : labels.integer(respondents)]];
    if (brief.invited !== null) {
      const rate = respondents !== null && brief.invited > 0 ? labels.percent(respondents / brief.invited) : "—";
      facts.push([
        this.word("briefInvited"),
        respondents === null
          ? labels.integer(brief.invited)
          : this.word("briefResponseRate", { respondents: labels.integer(respondents), invited: labels.integer(brief.invited), share: rate }),
      ]);
    }
    if (brief.period)
      facts.push([this.word("briefPeriod"), this.word("briefPeriodValue", { from: labels.date(brief.period.from), to: labels.date(brief.period.to) })]);
    facts.push([
      this.word("briefVersions"),
      brief.versions
        .map((version) =>
          version.firstSeenAt
            ? this.word("briefVersionValue", { version: version.version.slice(0, 8), date: labels.date(version.firstSeenAt) })
            : version.version.slice(0, 8),
        )
        .join(" ; "),
    ]);
    children.push(this.table([this.word("briefAnswers"), ""], facts));
    const field = brief.themes.groupField;
    const cells = field ? (brief.overview.breakdowns[field] ?? []) : [];
    if (field && cells.length > 0) {
      children.push(this.paragraph(this.word("briefByGroup", { field: labels.question(field) }), { heading: HeadingLevel.HEADING_2 }));
      const counts = cells.map((cell) => (isSuppressed(cell.respondents) ? null : cell.respondents.count));
      const most = Math.max(1, ...counts.map((count) => count ?? 0));
      children.push(this.chart(counts.map((count) => ({ fraction: (count ?? 0) / most, colour: "#2f6f8f" }))));
      const area = this.areaField(["governorate", "district"]);
      if (area)
        children.push(
          ...this.map({
            level: area.level,
            values: respondentsByArea(brief.overview, area.field),
            label: this.word("briefRespondents"),
            format: (value) => labels.integer(value),
          }),
        );
      children.push(
        this.table(
          [labels.question(field), this.word("briefCount")],
          cells.map((cell, index) => [labels.choice(field, cell.value), counts[index] === null ? this.word("briefWithheld") : labels.integer(counts[index]!)]),
        ),
      );
    }
    const months = submissionsByMonth(brief.overview.tracking);
    if (months.length > 0) {
      children.push(this.paragraph(this.word("briefOverTime"), { heading: HeadingLevel.HEADING_2 }));
      children.push(
        this.table(
          [this.word("briefPeriod"), this.word("briefCount")],
          months.map(([month, count]) => [labels.date(month), count === null ? this.word("briefWithheld") : labels.integer(count)]),
        ),
      );
    }
    children.push(this.paragraph(this.word("briefMethod"), { heading: HeadingLevel.HEADING_2 }));
    const base = brief.themes.scoreBase;
    children.push(this.paragraph(base ? this.word("briefMethodScore", { base, base1: base - 1 }) : this.word("briefMethodChoice")));
    children.push(this.paragraph(this.word("briefMethodSmallGroups", { min: brief.minGroupSize })));
    if (brief.disclosure === "controlled") children.push(this.paragraph(this.word("briefMethodControlled")));
    children.push(this.paragraph(this.word("briefMethodLeftOut")));
    return children;
  }

  private priorities(): FileChild[] {
    const { brief, labels } = this;
    const entries = brief.priorities.map((theme) => brief.themes.themes.find((entry) => entry.theme === theme)!);
    const shown = entries.map((entry) => (isSuppressed(entry.overall) ? null : entry.overall));
    const mapped = entries.filter((entry) => !isSuppressed(entry.overall) && entry.overall.cited > 0).slice(0, MAPPED_THEMES);
    return [
      this.paragraph(this.word("briefPriorities"), { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      this.chart(entries.map((entry, index) => ({ fraction: shown[index]?.share ?? 0, colour: labels.themeColour(entry.theme) }))),
      this.table(
        [this.word("briefRank"), this.word("briefTheme"), this.word("briefScore"), this.word("briefShare"), this.word("briefCited")],
        entries.map((entry, index) => {
          const figures = shown[index];
          const withheld = this.word("briefWithheld");
          return [
            labels.integer(index + 1),
            labels.theme(entry.theme),
            figures ? (figures.score === null ? "—" : labels.integer(figures.score)) : withheld,
            figures ? labels.percent(figures.share) : withheld,
            figures ? labels.integer(figures.cited) : withheld,
          ];
        }),
      ),
      ...mapped.flatMap((entry) => this.themeMap(entry.theme)),
    ];
  }

  private themeSections(): FileChild[] {
    const { brief, labels } = this;
    const children: FileChild[] = [];
    for (const theme of brief.priorities) {
      const entry = brief.themes.themes.find((candidate) => candidate.theme === theme)!;
      if (isSuppressed(entry.overall) || entry.overall.cited === 0) continue;
      const figures = entry.overall;
      children.push(this.paragraph(labels.theme(theme), { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
      children.push(this.paragraph(this.word("briefCitedBy", { count: labels.integer(figures.cited), share: labels.percent(figures.share) })));
      if (figures.rankedFirst !== null)
        children.push(this.paragraph(this.word("briefRankedFirst", { count: labels.integer(figures.rankedFirst), rank: labels.decimal(figures.meanRank) })));
      const field = brief.themes.groupField;
      if (field) {
        children.push(this.paragraph(this.word("briefWhere"), { heading: HeadingLevel.HEADING_2 }));
        children.push(
          this.table(
            [labels.question(field), this.word("briefCited"), this.word("briefShare")],
            Object.entries(entry.byGroup).map(([value, cell]) =>
              isSuppressed(cell)
                ? [labels.choice(field, value), this.word("briefWithheld"), ""]
                : [labels.choice(field, value), labels.integer(cell.cited), labels.percent(cell.share)],
            ),
          ),
        );
      }
      const map = this.themeMap(theme);
      if (map.length > 0 && !field) children.push(this.paragraph(this.word("briefWhere"), { heading: HeadingLevel.HEADING_2 }));
      children.push(...map);
      for (const facet of BRIEF_FACETS) {
        const shownFacet = figures.facets[facet];
        const question = brief.themeQuestion ? facetQuestionOf(this.brief, theme, facet) : undefined;
        if (shownFacet && question) children.push(...this.countsBlock(this.word(BRIEF_FACET_WORDS[facet]), question, shownFacet));
      }
      const citers = brief.citers[theme];
      if (citers && !isSuppressed(citers)) {
        children.push(this.paragraph(this.word("briefCrossed"), { heading: HeadingLevel.HEADING_2 }));
        for (const name of brief.crossedQuestions) {
          const crossed = citers.questions[name];
          if (crossed) children.push(...this.countsBlock(labels.question(name), name, crossed));
        }
      }
      children.push(this.paragraph(this.word("briefExcerpts"), { heading: HeadingLevel.HEADING_2 }));
      const excerpts = brief.excerpts.filter((excerpt) => excerpt.theme === theme);
      if (excerpts.length === 0) children.push(this.paragraph(this.word("briefNoExcerpt"), { italics: true }));
      children.push(...excerpts.map((excerpt) => this.excerpt(excerpt)));
    }
    return children;
  }

  private otherExcerpts(): FileChild[] {
    const others = this.brief.excerpts.filter((excerpt) => excerpt.theme === null);
    if (others.length === 0) return [];
    return [
      this.paragraph(this.word("briefOtherExcerpts"), { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      ...others.map((excerpt) => this.excerpt(excerpt)),
    ];
  }

  private excerpt(excerpt: ExcerptView): Paragraph {
    const rtl = isRightToLeft(excerpt.locale);
    return new Paragraph({
      bidirectional: rtl,
      indent: { start: 400 },
      children: [
        new TextRun({ text: `« ${excerpt.text} »`, italics: true, rightToLeft: rtl }),
        new TextRun({ text: ` — ${excerpt.authorityName ?? this.word("briefUnattributed")}`, rightToLeft: this.isRtl, size: 18 }),
      ],
    });
  }

  private countsBlock(title: string, question: string, figures: QuestionFigures): FileChild[] {
    if (figures.kind !== "counts") return [];
    const entries = Object.entries(figures.counts);
    const most = Math.max(1, ...entries.map(([, count]) => count));
    return [
      this.paragraph(title, { bold: true }),
      this.chart(entries.map(([, count]) => ({ fraction: count / most, colour: "#5b7f3a" }))),
      this.table(
        [this.word("briefValue"), this.word("briefCount")],
        entries.map(([value, count]) => [this.labels.choice(question, value), this.labels.integer(count)]),
      ),
    ];
  }
}

/** The theme's question of a facet (its urgency…), by the shape the brief's questions carry. */
function facetQuestionOf(brief: ThematicBrief, theme: string, facet: string): string | undefined {
  return brief.facetQuestions[theme]?.[facet];
}
