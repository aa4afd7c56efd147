import { foldName, isSameAuthority, splitNames } from "@passerelle/shared";

describe("recognising a former partner by its name", () => {
  it.each([
    ["Lyon", "lyon", "case"],
    ["Ville de Lyon", "Lyon", "the kind of authority before the name"],
    ["Mairie de Montpellier", "MONTPELLIER", "a town hall for its commune"],
    ["Saint-Étienne", "saint etienne", "accents and hyphens"],
    ["St-Étienne", "Saint Étienne", "the abbreviated saint"],
    ["Zahlé", "Zahle", "a missing accent"],
    ["Municipality of Zahlé", "Zahlé", "an English prefix"],
    ["Zahlé", "زحلة", "Arabic and French spelling of a Lebanese town"],
    ["بلدية زحلة", "Zahlé", "the Arabic word for municipality"],
    ["Lyon", "ليون", "Arabic spelling of a French city"],
    ["Marseille", "مرسيليا", "doubled letters written once in Arabic"],
    ["Paris", "باريس", "p and b are one class"],
    ["Jbeil", "جبيل", "j"],
    ["Trablous", "طرابلس", "the Arabic name transliterated"],
    ["Saint-Étienne", "سانت إتيان", "a two-word name across alphabets"],
    ["El Mina", "الميناء", "the Arabic article"],
    ["Baalbek", "بعلبك", "ʿayn dropped on both sides"],
    ["Chouf", "الشوف", "ch for shin"],
  ])("%s and %s (%s)", (a, b) => {
    expect(isSameAuthority(a, b)).toBe(true);
    expect(isSameAuthority(b, a)).toBe(true);
  });

  it.each([
    ["Lyon", "Lens"],
    ["Lille", "Lyon"],
    ["Nice", "Nancy"],
    ["Nancy", "نيس"],
    ["Saint-Denis", "Saint-Étienne"],
    ["Ville de", "Ville de"],
    ["", ""],
    ["Lyon", ""],
    ["Union des municipalités de Zahlé", "Zahlé"],
    ["Tripoli", "طرابلس"],
    ["Tyr", "صور"],
    ["زحلة", "صيدا"],
  ])("does not take %s for %s", (a, b) => {
    expect(isSameAuthority(a, b)).toBe(false);
  });

  it("folds a name to lower-case words without accents or prefix", () => {
    expect(foldName("  Ville de L'Haÿ-les-Roses ")).toBe("l hay les roses");
    expect(foldName("Métropole de Lyon")).toBe("lyon");
  });

  it("reads several partners from one answer", () => {
    expect(splitNames("Lyon, Villeurbanne; Grenoble\nSaint-Étienne et Vienne")).toEqual(["Lyon", "Villeurbanne", "Grenoble", "Saint-Étienne", "Vienne"]);
    expect(splitNames("ليون و غرونوبل")).toEqual(["ليون", "غرونوبل"]);
    expect(splitNames("  ")).toEqual([]);
  });
});
