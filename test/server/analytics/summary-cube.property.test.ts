import fc from "fast-check";
import { readQuestionnaireShape, type Answers, type CellFilter, type JsonObject, type Summary } from "@passerelle/shared";
import { foldResponses } from "../../../server/src/analytics/fold-job";
import { QuestionnaireShapes } from "../../../server/src/analytics/questionnaire-shapes";
import { cellFilterOf, currentCube, mergeCube, SummaryCubes, takeInAdditions, type CubeDeps } from "../../../server/src/analytics/summary-cube";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import type { ResponseFilter, Store, StoredResponse } from "../../../server/src/store/store.port";
import { answerSetArbitrary } from "../../support/answer-arbitraries";
import { comparableSummary } from "../../support/comparable-summary";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";
import { activityFiguresOf } from "../../../server/src/analytics/activity";
import { releaseAtomsOf } from "../../../server/src/disclosure/figure-gate";
import type { Atom } from "../../../server/src/disclosure/release-plan";

/** A questionnaire under test: its current definition and an older version still answered. */
interface Subject {
  id: string;
  version: string;
  definition: JsonObject;
  oldVersion: string;
  oldDefinition: JsonObject;
}

// Water committees: breakdowns other than the census's, and an older version that declared only one.
const WATER: JsonObject = {
  breakdownFields: ["region", "service"],
  pages: [
    {
      elements: [
        { type: "radiogroup", name: "region", choices: ["north", "south", "bekaa"] },
        { type: "dropdown", name: "service", choices: ["water", "waste", "power"] },
        { type: "checkbox", name: "problems", choices: ["leaks", "pressure", "quality"] },
        { type: "rating", name: "satisfaction", rateMin: 1, rateMax: 5 },
        { type: "text", name: "households", inputType: "number" },
        { type: "boolean", name: "has_meter" },
        { type: "matrix", name: "condition", rows: ["pipes", "pumps"], columns: ["good", "poor"] },
        { type: "paneldynamic", name: "sites", templateElements: [{ type: "dropdown", name: "kind", choices: ["well", "tank"] }] },
        { type: "ranking", name: "priorities", choices: ["repair", "extend", "train"] },
      ],
    },
  ],
};
const WATER_OLD: JsonObject = { ...structuredClone(WATER), breakdownFields: ["service"] };

const MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08"];

type Operation =
  | { kind: "submit"; answers: Answers; month: number; isOld: boolean }
  | { kind: "draft"; answers: Answers }
  | { kind: "edit"; target: number; answers: Answers; month: number }
  | { kind: "check"; filter: CellFilter };

function operations(subject: Subject): fc.Arbitrary<Operation[]> {
  const answers = answerSetArbitrary(subject.definition);
  const month = fc.integer({ min: 0, max: MONTHS.length - 1 });
  return fc.array(
    fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant("submit" as const), answers, month, isOld: fc.boolean() }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant("draft" as const), answers }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant("edit" as const), target: fc.nat(), answers, month }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant("check" as const), filter: filterArbitrary(subject) }), weight: 2 },
    ),
    { minLength: 1, maxLength: 14 },
  );
}

function filterArbitrary(subject: Subject): fc.Arbitrary<CellFilter> {
  const shape = readQuestionnaireShape(subject.definition);
  const breakdown: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const field of shape.breakdownFields) {
    const choices = shape.questions.find((question) => question.name === field)?.choices ?? [];
    breakdown[field] = fc.option(fc.constantFrom(...choices), { nil: undefined, freq: 2 });
  }
  const month = fc.option(fc.constantFrom(...MONTHS), { nil: undefined });
  return fc.record({ breakdown: fc.record(breakdown), fromMonth: month, beforeMonth: month }).map(({ breakdown: values, fromMonth, beforeMonth }) => {
    const chosen = Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return {
      ...(Object.keys(chosen).length > 0 ? { breakdown: chosen } : {}),
      ...(fromMonth ? { fromMonth } : {}),
      ...(beforeMonth ? { beforeMonth } : {}),
    };
  });
}

// The filters of the same request as the store reads them.
function responseFilterOf(subject: Subject, filter: CellFilter): ResponseFilter {
  return {
    surveyId: subject.id,
    status: "submitted",
    ...(filter.breakdown ? { breakdown: filter.breakdown } : {}),
    ...(filter.fromMonth ? { submittedFrom: new Date(`${filter.fromMonth}-01T00:00:00Z`) } : {}),
    ...(filter.beforeMonth ? { submittedBefore: new Date(`${filter.beforeMonth}-01T00:00:00Z`) } : {}),
  };
}

// As the response service computes it: the current definition's breakdown fields answered.
function breakdownOf(definition: JsonObject, answers: Answers): Record<string, string> {
  const fields = readQuestionnaireShape(definition).breakdownFields;
  return Object.fromEntries(
    fields.filter((field) => typeof answers[field] === "string" || typeof answers[field] === "number").map((field) => [field, String(answers[field])]),
  );
}

// Any day of the month, the first and last instants included.
function dayIn(month: number, serial: number): Date {
  const start = Date.parse(`${MONTHS[month]}-01T00:00:00Z`);
  const offsets = [0, 86_400_000 * 14 + 3_600_000, 86_400_000 * 28 - 1];
  return new Date(start + (offsets[serial % offsets.length] as number));
}

// The release plan's atoms as they were counted before the cube: from every submitted response.
async function releaseAtomsFromResponses(store: Store, subject: Subject): Promise<Atom[]> {
  const fields = readQuestionnaireShape(subject.definition).breakdownFields;
  const atoms = new Map<string, Atom>();
  for await (const response of store.responses.stream({ surveyId: subject.id, status: "submitted" })) {
    const values = [...fields.map((field) => response.breakdown[field] ?? ""), response.submittedAt ? response.submittedAt.toISOString().slice(0, 7) : ""];
    const atom = atoms.get(JSON.stringify(values)) ?? { values, respondents: 0 };
    atom.respondents += 1;
    atoms.set(JSON.stringify(values), atom);
  }
  return [...atoms.values()];
}

// The overview's daily tracking as it was counted before the cube: from every response, drafts too.
async function trackingFromResponses(store: Store, filter: ResponseFilter): Promise<{ date: string; started: number; submitted: number }[]> {
  const days = new Map<string, { started: number; submitted: number }>();
  const from = filter.submittedFrom?.toISOString().slice(0, 10);
  const before = filter.submittedBefore?.toISOString().slice(0, 10);
  const bump = (day: string, field: "started" | "submitted") => {
    if ((from && day < from) || (before && day >= before)) return;
    const counts = days.get(day) ?? { started: 0, submitted: 0 };
    counts[field] += 1;
    days.set(day, counts);
  };
  for await (const response of store.responses.stream({ surveyId: filter.surveyId, ...(filter.breakdown ? { breakdown: filter.breakdown } : {}) })) {
    bump(response.createdAt.toISOString().slice(0, 10), "started");
    if (response.submittedAt) bump(response.submittedAt.toISOString().slice(0, 10), "submitted");
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, counts]) => ({ date, ...counts }));
}

const byValues = (atoms: Atom[]) => [...atoms].sort((a, b) => JSON.stringify(a.values).localeCompare(JSON.stringify(b.values)));

async function play(subject: Subject, ops: Operation[]): Promise<void> {
  const store: Store = openEmbeddedStore({ dataDir: ":memory:" });
  try {
    await store.questionnaireVersions.save({ version: subject.oldVersion, surveyId: subject.id, definition: subject.oldDefinition, firstSeenAt: new Date() });
    const questionnaire = { id: subject.id, version: subject.version, definition: subject.definition };
    const deps: CubeDeps = { store, shapes: new QuestionnaireShapes(store), cubes: new SummaryCubes() };
    const written: StoredResponse[] = [];
    const check = async (filter: CellFilter, cubeDeps: CubeDeps) => {
      const responseFilter = responseFilterOf(subject, filter);
      expect(cellFilterOf(responseFilter)).toEqual(filter);
      const cube = await currentCube(cubeDeps, questionnaire);
      const fromScratch = await foldResponses(store, deps.shapes, questionnaire, responseFilter);
      expect(comparableSummary(mergeCube(cube, filter, deps.shapes.current(questionnaire)))).toEqual(comparableSummary(fromScratch));
      const atoms = releaseAtomsOf(cube, readQuestionnaireShape(subject.definition).breakdownFields);
      expect(byValues(atoms)).toEqual(byValues(await releaseAtomsFromResponses(store, subject)));
      const activity = activityFiguresOf(cube.activity, responseFilter);
      expect(activity.tracking).toEqual(await trackingFromResponses(store, responseFilter));
      const drafts = await store.responses.count({ surveyId: subject.id, status: "draft", ...(filter.breakdown ? { breakdown: filter.breakdown } : {}) });
      expect(activity.drafts).toBe(drafts);
      // Everyone's view merged at an earlier check, brought up to date by the submissions since.
      if (cubeDeps === deps && earlier && takeInAdditions(cube, earlier.summary, earlier.sequence, {})) {
        const everyone = await foldResponses(store, deps.shapes, questionnaire, responseFilterOf(subject, {}));
        expect(comparableSummary(earlier.summary)).toEqual(comparableSummary(everyone));
      }
      if (cubeDeps === deps) earlier = { summary: mergeCube(cube, {}, deps.shapes.current(questionnaire)), sequence: cube.sequence };
    };
    let earlier: { summary: Summary; sequence: number } | undefined;
    for (const [index, op] of ops.entries()) {
      // Hours apart, so that responses are started on several days.
      const at = new Date(Date.UTC(2026, 4, 1) + index * 7 * 3_600_000);
      if (op.kind === "check") {
        await check(op.filter, deps);
      } else if (op.kind === "edit" && written.length > 0) {
        const target = written[op.target % written.length] as StoredResponse;
        const current = (await store.responses.findById(target.id)) as StoredResponse;
        const submittedAt = current.submittedAt ?? dayIn(op.month, index);
        const changes = {
          version: subject.version,
          status: "submitted" as const,
          locale: current.locale,
          answers: op.answers,
          breakdown: breakdownOf(subject.definition, op.answers),
          updatedAt: at,
          submittedAt,
        };
        expect(await store.responses.update(current.id, current.revision, changes)).not.toBeNull();
      } else if (op.kind === "submit" || op.kind === "draft") {
        const isSubmitted = op.kind === "submit";
        const response: StoredResponse = {
          id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
          surveyId: subject.id,
          version: op.kind === "submit" && op.isOld ? subject.oldVersion : subject.version,
          status: isSubmitted ? "submitted" : "draft",
          locale: "fr",
          answers: op.answers,
          breakdown: breakdownOf(op.kind === "submit" && op.isOld ? subject.oldDefinition : subject.definition, op.answers),
          tokenHash: "a".repeat(64),
          revision: 1,
          createdAt: at,
          updatedAt: at,
          submittedAt: op.kind === "submit" ? dayIn(op.month, index) : null,
        };
        await store.responses.insert(response);
        written.push(response);
      }
    }
    // Every filter once more after the last write, then from a server just started: the cells
    // it loads from the store give the same figures.
    await check({}, deps);
    await check({}, { ...deps, cubes: new SummaryCubes() });
    await check({ fromMonth: "2026-06", beforeMonth: "2026-08" }, { store, shapes: new QuestionnaireShapes(store), cubes: new SummaryCubes() });
  } finally {
    await store.close();
  }
}

const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).get("census-lebanon");
const subjects: Subject[] = [
  {
    id: census.id,
    version: census.version,
    definition: census.definition,
    oldVersion: "0ld0000000000000",
    // An older census that broke figures down by governorate alone.
    oldDefinition: { ...structuredClone(census.definition), breakdownFields: ["governorate"] },
  },
  { id: "water-committees", version: "a1b2c3d4e5f60718", definition: WATER, oldVersion: "0ld0000000000001", oldDefinition: WATER_OLD },
];

describe("the summary cube gives the figures of a fold from scratch", () => {
  it.each(subjects.map((subject) => [subject.id, subject] as const))(
    "%s: for arbitrary submissions, drafts, edits moving responses between cells, and filters over breakdowns and months",
    async (_id, subject) => {
      await fc.assert(
        fc.asyncProperty(operations(subject), (ops) => play(subject, ops)),
        { numRuns: 25 },
      );
    },
  );
});
