import {
  countByState,
  filterInvitations,
  foldForSearch,
  toSearchable,
  type InvitationFilter,
} from "../../../client/src/features/invitations/invitation-filter";
import { anInvitation } from "./invitation-builders";

const invitations = [
  anInvitation({ id: "zahle", authorityName: "Municipalité de Zahlé", state: "submitted" }),
  anInvitation({ id: "tyre", authorityName: "Union des municipalités de Tyr", state: "started" }),
  anInvitation({ id: "saida", authorityName: "بلدية صيدا", state: "invited" }),
  anInvitation({ id: "ahmad", authorityName: "بلدية أحمدية", state: "revoked" }),
  anInvitation({ id: "zgharta", authorityName: "Municipalité de  Zgharta", state: "invited" }),
];
const searchable = toSearchable(invitations);

test.each<[string, InvitationFilter, string[]]>([
  ["no filter keeps every invitation in order", { text: "", state: "all" }, ["zahle", "tyre", "saida", "ahmad", "zgharta"]],
  ["the text ignores case and accents", { text: "ZAHLE", state: "all" }, ["zahle"]],
  ["the text matches inside a name", { text: "municipalit", state: "all" }, ["zahle", "tyre", "zgharta"]],
  ["white space is folded", { text: " de zgharta ", state: "all" }, ["zgharta"]],
  ["Arabic names are found", { text: "صيدا", state: "all" }, ["saida"]],
  ["a bare alef finds an alef with hamza", { text: "احمدية", state: "all" }, ["ahmad"]],
  ["the state filter keeps one state", { text: "", state: "invited" }, ["saida", "zgharta"]],
  ["both filters apply together", { text: "municipalité", state: "invited" }, ["zgharta"]],
  ["nothing matches", { text: "Baalbek", state: "all" }, []],
])("%s", (_name, filter, expected) => {
  expect(filterInvitations(searchable, filter).map((invitation) => invitation.id)).toEqual(expected);
});

test("folding strips marks and short vowels and lowers case", () => {
  expect(foldForSearch("  Zahlé   Ville ")).toBe("zahle ville");
  expect(foldForSearch("بَلَدِيَّة")).toBe("بلدية");
});

test("counts invitations in each state, zero included", () => {
  expect(countByState(invitations)).toEqual({ invited: 2, started: 1, submitted: 1, revoked: 1 });
  expect(countByState([])).toEqual({ invited: 0, started: 0, submitted: 0, revoked: 0 });
});
