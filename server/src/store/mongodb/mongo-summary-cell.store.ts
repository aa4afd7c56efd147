import { randomUUID } from "node:crypto";
import { Schema, type ClientSession, type Connection } from "mongoose";
import { parseCell, serialiseCell } from "@passerelle/shared";
import type {
  ActivityCount,
  ActivityMembership,
  CellMembership,
  StoredSummaryCell,
  StoredSummaryCube,
  SummaryCellStore,
  SummaryCubeChanges,
} from "../summary-cell-store.port";
import { runTransaction } from "./mongo-transaction";

/**
 * A questionnaire's cube header. `generation` names the build its cells and memberships belong
 * to: a rebuild writes a new generation beside the old one and then flips the header, so a
 * reader never sees a mix and a million memberships need not fit in one transaction.
 */
interface CubeDocument {
  _id: string;
  foldKey: string;
  seq: number;
  generation: string;
}

interface CellDocument {
  /** Generation and cell key. */
  _id: string;
  surveyId: string;
  generation: string;
  seq: number;
  // JSON text: part names carry dots ("row.column"), which MongoDB field names should not.
  cell: string;
  /** The cell's numbers, as 64-bit floats. */
  data: Buffer;
}

interface MemberDocument {
  /** Generation and response id. */
  _id: string;
  surveyId: string;
  generation: string;
  cellKey: string;
}

interface ActivityDocument {
  /** Generation and activity key. */
  _id: string;
  surveyId: string;
  generation: string;
  /** The point of the sequence the count was last written at, as a cell's. */
  seq: number;
  responses: number;
}

interface ActivityMemberDocument {
  /** Generation and response id. */
  _id: string;
  surveyId: string;
  generation: string;
  activityKey: string;
}

const cubeSchema = new Schema<CubeDocument>(
  { _id: String, foldKey: { type: String, required: true }, seq: { type: Number, required: true }, generation: { type: String, required: true } },
  { versionKey: false, strict: "throw" },
);
const cellSchema = new Schema<CellDocument>(
  {
    _id: String,
    surveyId: { type: String, required: true },
    generation: { type: String, required: true },
    seq: { type: Number, required: true },
    cell: { type: String, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false, strict: "throw" },
);
cellSchema.index({ surveyId: 1, generation: 1 });
const memberSchema = new Schema<MemberDocument>(
  { _id: String, surveyId: { type: String, required: true }, generation: { type: String, required: true }, cellKey: { type: String, required: true } },
  { versionKey: false, strict: "throw" },
);
// By cell too: an edit re-reads the members of the cells it touches, and only those. Its prefix
// serves the rebuild's removal of a generation.
memberSchema.index({ surveyId: 1, generation: 1, cellKey: 1 });

const activitySchema = new Schema<ActivityDocument>(
  {
    _id: String,
    surveyId: { type: String, required: true },
    generation: { type: String, required: true },
    seq: { type: Number, required: true },
    responses: { type: Number, required: true },
  },
  { versionKey: false, strict: "throw" },
);
activitySchema.index({ surveyId: 1, generation: 1 });
const activityMemberSchema = new Schema<ActivityMemberDocument>(
  { _id: String, surveyId: { type: String, required: true }, generation: { type: String, required: true }, activityKey: { type: String, required: true } },
  { versionKey: false, strict: "throw" },
);
activityMemberSchema.index({ surveyId: 1, generation: 1 });

export function createSummaryCellModels(connection: Connection) {
  return {
    cubes: connection.model("SummaryCube", cubeSchema, "summary_cubes"),
    cells: connection.model("SummaryCell", cellSchema, "summary_cells"),
    members: connection.model("SummaryCellMember", memberSchema, "summary_cell_members"),
    activity: connection.model("SummaryActivity", activitySchema, "summary_activity"),
    activityMembers: connection.model("SummaryActivityMember", activityMemberSchema, "summary_activity_members"),
  };
}
type SummaryCellModels = ReturnType<typeof createSummaryCellModels>;

// Documents per insertMany of a rebuild: bounded round trips without one huge message.
const WRITE_BATCH = 1000;

const idOf = (generation: string, key: string) => `${generation}:${key}`;

export class MongoSummaryCellStore implements SummaryCellStore {
  constructor(
    private readonly models: SummaryCellModels,
    private readonly timeoutMs: number,
  ) {}

  async load(surveyId: string, foldKey: string): Promise<StoredSummaryCube | null> {
    const header = await this.header(surveyId);
    if (!header || header.foldKey !== foldKey) return null;
    const docs = await this.models.cells
      .find({ surveyId: { $eq: surveyId }, generation: { $eq: header.generation } })
      .lean<CellDocument[]>()
      .exec();
    // Cells updated after the header was read carry a later point: the cube is as of the header's.
    const cells = docs.map((doc): StoredSummaryCell => ({ ...parseCell({ text: doc.cell, data: bytesOf(doc.data) }), sequence: doc.seq }));
    const counts = await this.models.activity
      .find({ surveyId: { $eq: surveyId }, generation: { $eq: header.generation } })
      .lean<ActivityDocument[]>()
      .exec();
    if (cells.some((cell) => cell.sequence > header.seq) || counts.some((count) => count.seq > header.seq)) return this.load(surveyId, foldKey);
    const prefix = `${header.generation}:`;
    const activity = counts.map((count): ActivityCount => ({ key: count._id.slice(prefix.length), responses: count.responses }));
    return { surveyId, foldKey, sequence: header.seq, cells, activity };
  }

  async cellsOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>> {
    const header = await this.header(surveyId);
    if (!header) return new Map();
    const docs = await this.models.members
      .find({ _id: { $in: responseIds.map((id) => idOf(header.generation, id)) } })
      .lean<MemberDocument[]>()
      .exec();
    return new Map(docs.map((doc) => [doc._id.slice(header.generation.length + 1), doc.cellKey]));
  }

  async activityOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>> {
    const header = await this.header(surveyId);
    if (!header) return new Map();
    const docs = await this.models.activityMembers
      .find({ _id: { $in: responseIds.map((id) => idOf(header.generation, id)) } })
      .lean<ActivityMemberDocument[]>()
      .exec();
    return new Map(docs.map((doc) => [doc._id.slice(header.generation.length + 1), doc.activityKey]));
  }

  async membersOf(surveyId: string, cellKey: string): Promise<string[]> {
    const header = await this.header(surveyId);
    if (!header) return [];
    const prefix = `${header.generation}:`;
    const docs = await this.models.members
      .find({ surveyId: { $eq: surveyId }, generation: { $eq: header.generation }, cellKey: { $eq: cellKey } }, { _id: 1 })
      .lean<Pick<MemberDocument, "_id">[]>()
      .exec();
    return docs.map((doc) => doc._id.slice(prefix.length));
  }

  async replace(cube: StoredSummaryCube, memberships: readonly CellMembership[], activityMemberships: readonly ActivityMembership[]): Promise<void> {
    const generation = randomUUID();
    const surveyId = cube.surveyId;
    for (let start = 0; start < cube.cells.length; start += WRITE_BATCH) {
      await this.models.cells.insertMany(cube.cells.slice(start, start + WRITE_BATCH).map((cell) => cellDocument(surveyId, generation, cell)));
    }
    const members = memberships.filter((member): member is { responseId: string; cellKey: string } => member.cellKey !== null);
    for (let start = 0; start < members.length; start += WRITE_BATCH) {
      await this.models.members.insertMany(
        members
          .slice(start, start + WRITE_BATCH)
          .map((member) => ({ _id: idOf(generation, member.responseId), surveyId, generation, cellKey: member.cellKey })),
      );
    }
    const counts = cube.activity.filter((count) => count.responses > 0);
    for (let start = 0; start < counts.length; start += WRITE_BATCH) {
      await this.models.activity.insertMany(
        counts.slice(start, start + WRITE_BATCH).map((count) => activityDocument(surveyId, generation, cube.sequence, count)),
      );
    }
    const counted = activityMemberships.filter((member): member is { responseId: string; activityKey: string } => member.activityKey !== null);
    for (let start = 0; start < counted.length; start += WRITE_BATCH) {
      await this.models.activityMembers.insertMany(
        counted
          .slice(start, start + WRITE_BATCH)
          .map((member) => ({ _id: idOf(generation, member.responseId), surveyId, generation, activityKey: member.activityKey })),
      );
    }
    await this.models.cubes.updateOne({ _id: surveyId }, { $set: { foldKey: cube.foldKey, seq: cube.sequence, generation } }, { upsert: true }).exec();
    const stale = { surveyId: { $eq: surveyId }, generation: { $ne: generation } };
    await this.models.cells.deleteMany(stale).exec();
    await this.models.members.deleteMany(stale).exec();
    await this.models.activity.deleteMany(stale).exec();
    await this.models.activityMembers.deleteMany(stale).exec();
  }

  async update(changes: SummaryCubeChanges): Promise<boolean> {
    return runTransaction(this.models.cubes.db, this.timeoutMs, async (session) => {
      const header = await this.models.cubes.findById(changes.surveyId).session(session).lean<CubeDocument>().exec();
      if (!header || header.foldKey !== changes.foldKey || header.seq !== changes.expectedSequence) return false;
      await this.writeChanges(header.generation, changes, session);
      await this.models.cubes.updateOne({ _id: changes.surveyId }, { $set: { seq: changes.sequence } }, { session }).exec();
      return true;
    });
  }

  private async writeChanges(generation: string, changes: SummaryCubeChanges, session: ClientSession): Promise<void> {
    const { surveyId } = changes;
    const cellWrites = [
      ...changes.cells.map((cell) => ({
        replaceOne: { filter: { _id: idOf(generation, cell.key) }, replacement: cellDocument(surveyId, generation, cell), upsert: true },
      })),
      ...changes.removedCells.map((key) => ({ deleteOne: { filter: { _id: idOf(generation, key) } } })),
    ];
    if (cellWrites.length > 0) await this.models.cells.bulkWrite(cellWrites, { session });
    const memberWrites = changes.memberships.map(({ responseId, cellKey }) =>
      cellKey === null
        ? { deleteOne: { filter: { _id: idOf(generation, responseId) } } }
        : {
            replaceOne: {
              filter: { _id: idOf(generation, responseId) },
              replacement: { _id: idOf(generation, responseId), surveyId, generation, cellKey },
              upsert: true,
            },
          },
    );
    if (memberWrites.length > 0) await this.models.members.bulkWrite(memberWrites, { session });
    const countWrites = changes.activity.map((count) =>
      count.responses === 0
        ? { deleteOne: { filter: { _id: idOf(generation, count.key) } } }
        : {
            replaceOne: {
              filter: { _id: idOf(generation, count.key) },
              replacement: activityDocument(surveyId, generation, changes.sequence, count),
              upsert: true,
            },
          },
    );
    if (countWrites.length > 0) await this.models.activity.bulkWrite(countWrites, { session });
    const activityMemberWrites = changes.activityMemberships.map(({ responseId, activityKey }) =>
      activityKey === null
        ? { deleteOne: { filter: { _id: idOf(generation, responseId) } } }
        : {
            replaceOne: {
              filter: { _id: idOf(generation, responseId) },
              replacement: { _id: idOf(generation, responseId), surveyId, generation, activityKey },
              upsert: true,
            },
          },
    );
    if (activityMemberWrites.length > 0) await this.models.activityMembers.bulkWrite(activityMemberWrites, { session });
  }

  private header(surveyId: string): Promise<CubeDocument | null> {
    return this.models.cubes.findById(surveyId).lean<CubeDocument>().exec();
  }
}

function cellDocument(surveyId: string, generation: string, { sequence, ...cell }: StoredSummaryCell): CellDocument {
  const { text, data } = serialiseCell(cell);
  return { _id: idOf(generation, cell.key), surveyId, generation, seq: sequence, cell: text, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}

function activityDocument(surveyId: string, generation: string, seq: number, count: ActivityCount): ActivityDocument {
  return { _id: idOf(generation, count.key), surveyId, generation, seq, responses: count.responses };
}

// A lean read gives a BSON Binary for a Buffer field: its bytes are in `buffer`.
function bytesOf(data: Buffer | { buffer: Uint8Array }): Uint8Array {
  return data instanceof Uint8Array ? data : data.buffer;
}
