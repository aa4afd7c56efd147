import { explainPair, scorePair, type Locale } from "@passerelle/shared";
import { aFrench, aLebanese, TEST_VOCABULARY, weightsWith } from "../../support/matching-builders";

const context = { lebaneseName: "Zahlé", frenchName: "Lyon", vocabulary: TEST_VOCABULARY };
const explain = (locale: Locale, lebanese = aLebanese(), french = aFrench()) => explainPair(scorePair(lebanese, french, weightsWith()), context, locale);

describe("the explanation of a score", () => {
  it.each([
    [
      "fr",
      "Eau et assainissement : classée 1re par Zahlé (urgence immédiate), proposée par Lyon ; modes : expertise technique (1 sur 2 souhaités) ; budget : besoin 50–200 k USD, enveloppe 10–50 k EUR : partiel (cofinancement local : non) ; missions : les deux ✓ ; langue : français en commun ; géographie : Bekaa fait partie des gouvernorats préférés",
    ],
    [
      "en",
      "Water and sanitation: ranked 1st by Zahlé (immediate), offered by Lyon; modes: technical expertise (1 of 2 wanted); budget: needs 50–200k USD, envelope 10–50k EUR: partial (local co-funding: no); missions: both ✓; language: French in common; geography: Bekaa is a preferred governorate",
    ],
    [
      "ar",
      "المياه والصرف الصحي: في المرتبة الأولى لدى Zahlé (فوري)، تعرضها Lyon؛ أشكال التعاون: الخبرة الفنية (1 من 2 مطلوبة)؛ الميزانية: الحاجة 50–200 ألف دولار، المخصّص 10–50 ألف يورو: جزئية (تمويل محلي مشترك: لا)؛ البعثات: كلتاهما ✓؛ اللغة: الفرنسية مشتركة؛ الجغرافيا: البقاع من المحافظات المفضّلة",
    ],
  ] as const)("words every part in %s", (locale, text) => {
    expect(explain(locale).text).toBe(text);
  });

  it.each([
    ["fr", "relance : Lyon est un ancien partenaire de Zahlé", "langue : arabe souhaité, absent des langues de travail : interprétation nécessaire"],
    ["en", "relaunch: Lyon is a former partner of Zahlé", "language: prefers Arabic, not a working language: needs interpretation"],
    ["ar", "إعادة إطلاق: Lyon شريك سابق لـZahlé", "اللغة: العربية مفضّلة وليست من لغات العمل: يلزم مترجم"],
  ] as const)("says relaunch first and flags interpretation in %s", (locale, relaunch, language) => {
    const explanation = explain(locale, aLebanese({ intent: "relaunch_previous", partnerNames: ["Ville de Lyon"], preferredLanguage: "ar" }));
    expect(explanation.text.startsWith(relaunch)).toBe(true);
    expect(explanation.parts.language).toBe(language);
  });

  it.each([
    [
      "fr",
      "thématiques : aucune priorité de Zahlé n'est proposée par Lyon",
      "modes : non précisés",
      "budget : non précisé",
      "missions : au Liban ?, en France ✗",
      "géographie : non précisée",
    ],
    [
      "en",
      "themes: none of Zahlé's priorities is offered by Lyon",
      "modes: not stated",
      "budget: not stated",
      "missions: in Lebanon ?, in France ✗",
      "geography: not stated",
    ],
    [
      "ar",
      "المجالات: لا تعرض Lyon أيًّا من أولويات Zahlé",
      "أشكال التعاون: غير محدّدة",
      "الميزانية: غير محدّدة",
      "البعثات: في لبنان ?، في فرنسا ✗",
      "الجغرافيا: غير محدّدة",
    ],
  ] as const)("says what is missing or not stated in %s", (locale, themes, modes, budget, missions, geography) => {
    const older = aFrench({
      themes: ["sport"],
      modes: undefined,
      envelope: undefined,
      governorates: undefined,
      missionInterest: "lebanon",
      canHostDelegation: false,
    });
    const { parts } = explain(locale, aLebanese({ canHostMissions: undefined }), older);
    expect(parts).toMatchObject({ themes, modes, budget, missions, geography });
  });

  it.each([
    ["fr", "moins de 50 k USD", "plus de 150 k EUR", "couvert"],
    ["en", "under 50k USD", "over 150k EUR", "covered"],
    ["ar", "أقل من 50 ألف دولار", "أكثر من 150 ألف يورو", "مغطّاة"],
  ] as const)("words open-ended ranges in %s", (locale, need, envelope, verdict) => {
    const lebanese = aLebanese({ needs: [{ theme: "water_sanitation", rank: 1, budget: "under_50k" }] });
    const sentence = explain(locale, lebanese, aFrench({ envelope: "over_150k" })).parts.budget!;
    expect(sentence).toContain(need);
    expect(sentence).toContain(envelope);
    expect(sentence).toContain(verdict);
  });

  it("lists every matched theme, best-ranked first", () => {
    const { parts } = explain("en", aLebanese(), aFrench({ themes: ["solid_waste", "water_sanitation"] }));
    expect(parts.themes).toBe(
      "Water and sanitation: ranked 1st by Zahlé (immediate), offered by Lyon; Waste: ranked 2nd by Zahlé (short term), offered by Lyon",
    );
  });
});
