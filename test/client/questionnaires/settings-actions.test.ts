import type { ManagedQuestionnaireView } from "@passerelle/shared";
import {
  closeSettings,
  currentSettings,
  datesSettings,
  fromLocalInput,
  openSettings,
  toLocalInput,
} from "../../../client/src/features/questionnaires/settings-actions";

const NOW = new Date("2026-06-15T09:00:00Z");

function aView(settings: Partial<ManagedQuestionnaireView["settings"]> = {}): ManagedQuestionnaireView {
  return {
    id: "mini",
    title: { fr: "Mini", ar: "Mini", en: "Mini" },
    access: "public",
    status: "open",
    settings: {
      status: { value: "open", source: "definition" },
      opensAt: { value: null, source: "definition" },
      closesAt: { value: null, source: "definition" },
      ...settings,
    },
    declared: { status: "open", opensAt: null, closesAt: null },
    version: "0123456789abcdef",
    origin: { kind: "file", file: "mini.json" },
    versions: [],
    lastChange: null,
  };
}

describe("what the questionnaire's buttons send", () => {
  it.each<[string, ManagedQuestionnaireView, ReturnType<typeof openSettings>]>([
    ["a questionnaire following its file", aView(), { status: "open" }],
    [
      "a closing date already past, from the file: removed",
      aView({ closesAt: { value: "2026-06-01T00:00:00.000Z", source: "definition" } }),
      { status: "open", closesAt: null },
    ],
    [
      "an opening date still to come: removed",
      aView({ opensAt: { value: "2026-07-01T00:00:00.000Z", source: "administrator" } }),
      { status: "open", opensAt: null },
    ],
    [
      "a closing date to come, set by an administrator: kept",
      aView({ status: { value: "closed", source: "administrator" }, closesAt: { value: "2026-12-31T00:00:00.000Z", source: "administrator" } }),
      { status: "open", closesAt: "2026-12-31T00:00:00.000Z" },
    ],
  ])("opens %s", (_case, view, expected) => {
    expect(openSettings(view, NOW)).toEqual(expected);
  });

  it("closes and dates keeping the administrator's other settings, and sends nothing from the file", () => {
    const view = aView({
      opensAt: { value: "2026-06-01T00:00:00.000Z", source: "administrator" },
      closesAt: { value: "2026-06-30T00:00:00.000Z", source: "definition" },
    });
    expect(currentSettings(view)).toEqual({ opensAt: "2026-06-01T00:00:00.000Z" });
    expect(closeSettings(view)).toEqual({ opensAt: "2026-06-01T00:00:00.000Z", status: "closed" });
    expect(datesSettings(view, { opensAt: null, closesAt: "2026-07-01T00:00:00.000Z" })).toEqual({ opensAt: null, closesAt: "2026-07-01T00:00:00.000Z" });
  });

  it("reads and writes a datetime-local field as the device's local time, empty meaning no date", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(toLocalInput(null)).toBe("");
    const iso = "2026-06-30T21:00:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });
});
