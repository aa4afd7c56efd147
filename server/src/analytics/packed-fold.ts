import {
  summaryOfParts,
  type CellLayout,
  type CompiledFold,
  type GroupPart,
  type PackedFigures,
  type QuestionnaireShape,
  type Summary,
} from "@passerelle/shared";

/**
 * A fold's groups still packed, as a worker thread sends them: each version's layout once, and
 * each group's figures per version (vectors and lists of numbers as typed arrays, which cost
 * next to nothing to copy between threads). Unpacking every group into accumulators to send
 * them, and merging the accumulators of the slices, cost more than folding the slices.
 */
export interface PackedFold {
  layouts: Record<string, CellLayout>;
  groups: [key: string, figures: [version: string, figures: PackedFigures][]][];
}

/** The fold's groups, packed; `versionOf` names the version of each layout it folded against. */
export function packedFoldOf(fold: CompiledFold, versionOf: ReadonlyMap<CellLayout, string>): PackedFold {
  const layouts: Record<string, CellLayout> = {};
  const groups: PackedFold["groups"] = [];
  for (const [key, sums] of fold.packedGroups()) {
    groups.push([
      key,
      sums.map(([layout, figures]): [string, PackedFigures] => {
        const version = versionOf.get(layout);
        if (version === undefined) throw new Error("a fold's layout has no version");
        layouts[version] = layout;
        return [version, figures];
      }),
    ]);
  }
  return { layouts, groups };
}

/**
 * The summary of the slices' folds together: each group's figures per version added up from
 * the slices', as vectors, when a view first reads the group's questions.
 */
export function mergePackedFolds(parts: readonly PackedFold[], current: QuestionnaireShape): Summary {
  const layouts: Record<string, CellLayout> = {};
  for (const part of parts) for (const [version, layout] of Object.entries(part.layouts)) layouts[version] ??= layout;
  function* groupParts(): Iterable<GroupPart> {
    for (const part of parts) {
      for (const [key, figuresByVersion] of part.groups) for (const [version, figures] of figuresByVersion) yield [key, version, figures];
    }
  }
  return summaryOfParts(groupParts(), (version) => layouts[version] as CellLayout, current);
}
