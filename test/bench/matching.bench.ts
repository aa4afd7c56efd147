/**
 * Matching benchmark: 1,100 Lebanese and 600 French synthetic authorities (about the real scale:
 * some 1,060 municipalities and 58 unions) submitted to an embedded store, then what the
 * matchmaking workspace asks for. Each figure is the median of RUNS runs, printed beside a
 * yardstick measured in the same run:
 *
 * - the workspace opening (profiles read from the store, the two lists, one authority's ranked
 *   candidates with explanations) against one plain read of the same responses from the store;
 * - scoring every pair against a loop that only intersects each pair's themes;
 * - the exact global proposal against a greedy matching of the same pairs (best pair first);
 * - the pooled proposals.
 *
 * Targets: the workspace opens in at most 1 s, the proposal is computed in at most 5 s.
 * Run with `npm run bench:matching`; sizes with BENCH_LEBANESE / BENCH_FRENCH, runs with BENCH_RUNS.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { DEFAULT_MATCH_WEIGHTS, proposePairs, proposePooledProjects, type ScoredPair } from "@passerelle/shared";
import { listAuthorities, listCandidates } from "../../server/src/matching/candidates.service";
import { loadMatchingData } from "../../server/src/matching/matching-data";
import { createMatchingDeps } from "../../server/src/matching/matching-deps";
import { getProposal, scoreEveryPair } from "../../server/src/matching/proposal.service";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { AnswerValidator } from "../../server/src/responses/answer-validator";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { StoredResponse } from "../../server/src/store/store.port";
import { syntheticResponse } from "../support/synthetic-census";
import { syntheticFrenchAnswers, syntheticLebaneseAnswers } from "../support/synthetic-matching";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { printTable, time } from "./bench-tools";

const LEBANESE = Number(process.env.BENCH_LEBANESE ?? 1100);
const FRENCH = Number(process.env.BENCH_FRENCH ?? 600);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-matching-bench-"));
  const store = openEmbeddedStore({ dataDir });
  const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
  await insertSubmissions(store, questionnaires);
  const fresh = () => createMatchingDeps({ store, questionnaires, logger: pino({ level: "silent" }), now: () => new Date(), minGroupSize: 3 });

  const rows: Record<string, string>[] = [];
  const report = (step: string, measured: number[], yardstickName: string, yardstick: number[], target?: number) => {
    const [ours, theirs] = [median(measured), median(yardstick)];
    rows.push({
      step,
      "median (ms)": ours.toFixed(0),
      target: target === undefined ? "—" : `≤ ${target} ms`,
      yardstick: yardstickName,
      "yardstick (ms)": theirs.toFixed(0),
      ratio: `${(ours / Math.max(theirs, 0.001)).toFixed(1)}×`,
    });
  };

  const workspace: number[] = [];
  const plainRead: number[] = [];
  const scoring: number[] = [];
  const themeLoop: number[] = [];
  const proposal: number[] = [];
  const greedy: number[] = [];
  const solverOnly: number[] = [];
  const pooled: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const deps = fresh();
    plainRead.push((await time(() => readAll(store))).ms);
    workspace.push(
      (
        await time(async () => {
          const lists = await listAuthorities(deps);
          return listCandidates(deps, { side: "lebanese", id: lists.lebanese[0]!.id, locale: "fr", limit: 100 });
        })
      ).ms,
    );
    const data = await loadMatchingData(deps);
    const scored = await time(async () => scoreEveryPair(data, DEFAULT_MATCH_WEIGHTS));
    scoring.push(scored.ms);
    themeLoop.push((await time(async () => intersectThemes(data))).ms);
    const input = {
      scores: scored.value,
      lebanese: data.lebanese.map((profile) => ({ id: profile.id, capacity: 1 })),
      french: data.french.map((profile) => ({ id: profile.id, capacity: profile.capacity })),
      fixed: [],
      excluded: [],
    };
    solverOnly.push((await time(async () => proposePairs(input))).ms);
    greedy.push((await time(async () => greedyMatching(input))).ms);
    proposal.push((await time(() => getProposal(fresh(), "fr"))).ms);
    pooled.push((await time(async () => proposePooledProjects(data.lebanese, data.french, DEFAULT_MATCH_WEIGHTS))).ms);
    if (run === 0) {
      const exact = proposePairs(input);
      const greedyTotal = greedyMatching(input).reduce((sum, pair) => sum + pair.score, 0);
      console.log(
        `pairs scored: ${data.lebanese.length * data.french.length}, proposable: ${scored.value.length}; proposal: ${exact.pairs.length} pairs, total fit ${exact.totalScore.toFixed(1)} (greedy ${greedyTotal.toFixed(1)}), ${exact.blockingPairs.length} blocking pairs`,
      );
    }
  }
  report("workspace opens (lists + one authority's candidates, cold)", workspace, "read every response once", plainRead, 1000);
  report("score every pair", scoring, "intersect every pair's themes", themeLoop);
  report("global proposal, exact (solver and blocking pairs)", solverOnly, "greedy matching, best pair first", greedy);
  report("global proposal from the store, cold (read, score, solve, word)", proposal, "read every response once", plainRead, 5000);
  report("pooled « Clés en main » proposals", pooled, "intersect every pair's themes", themeLoop);
  printTable(`Matching: ${LEBANESE} Lebanese × ${FRENCH} French authorities, median of ${RUNS}`, rows);
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function insertSubmissions(store: ReturnType<typeof openEmbeddedStore>, questionnaires: ReturnType<typeof loadQuestionnaires>): Promise<void> {
  for (const [surveyId, count, next] of [
    ["census-lebanon", LEBANESE, syntheticLebaneseAnswers(11)],
    ["french-offer", FRENCH, syntheticFrenchAnswers(29)],
  ] as const) {
    const questionnaire = questionnaires.get(surveyId);
    const validator = new AnswerValidator(questionnaire.definition);
    const batch: StoredResponse[] = [];
    for (let index = 0; index < count; index += 1) {
      const answers = next();
      if (index < 30) {
        const problems = validator.validate({ answers, status: "submitted", locale: "fr" });
        if (problems.length > 0) throw new Error(`synthetic ${surveyId} answers are invalid: ${JSON.stringify(problems)}`);
      }
      batch.push(syntheticResponse({ surveyId, version: questionnaire.version, answers }));
    }
    await store.responses.insertMany(batch);
  }
}

async function readAll(store: ReturnType<typeof openEmbeddedStore>): Promise<number> {
  let count = 0;
  for (const surveyId of ["census-lebanon", "french-offer"]) {
    for await (const response of store.responses.stream({ surveyId, status: "submitted" })) count += Object.keys(response.answers).length;
  }
  return count;
}

function intersectThemes(data: Awaited<ReturnType<typeof loadMatchingData>>): number {
  let shared = 0;
  for (const lebanese of data.lebanese) {
    for (const french of data.french) {
      const offered = new Set(french.themes);
      for (const need of lebanese.needs) if (offered.has(need.theme)) shared += 1;
    }
  }
  return shared;
}

function greedyMatching(input: {
  scores: readonly ScoredPair[];
  lebanese: { id: string; capacity: number }[];
  french: { id: string; capacity: number }[];
}): ScoredPair[] {
  const left = new Map(input.lebanese.map((authority) => [authority.id, authority.capacity]));
  const right = new Map(input.french.map((authority) => [authority.id, authority.capacity]));
  const chosen: ScoredPair[] = [];
  for (const pair of [...input.scores].sort((a, b) => b.score - a.score)) {
    if ((left.get(pair.lebaneseId) ?? 0) <= 0 || (right.get(pair.frenchId) ?? 0) <= 0) continue;
    left.set(pair.lebaneseId, left.get(pair.lebaneseId)! - 1);
    right.set(pair.frenchId, right.get(pair.frenchId)! - 1);
    chosen.push(pair);
  }
  return chosen;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
