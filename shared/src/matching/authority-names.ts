/**
 * Whether two names designate the same local authority, as staff would judge it: a Lebanese
 * clerk types "ville de Lyon", "LYON" or "ليون" for the same French partner, and a French one
 * "Zahlé", "Zahle" or "زحلة" for the same Lebanese municipality.
 *
 * Two Latin-script names are compared letter for letter once folded (case, accents, hyphens and
 * apostrophes, "Ville de" and the like removed). A name in Arabic script against one in Latin
 * script is compared by consonant skeleton: both are reduced to classes of consonants (b/p, t/d,
 * s/z, k/q/g, …) with vowels, weak letters and h dropped, which is how the same commune is spelt
 * across the two alphabets. Skeletons of fewer than two consonants never match: too many names
 * share them.
 */
export function isSameAuthority(a: string, b: string): boolean {
  const left = comparableForm(a);
  const right = comparableForm(b);
  if (left.folded === "" || right.folded === "") return false;
  if (left.isArabic === right.isArabic) return left.folded === right.folded;
  return left.skeleton.length >= 2 && left.skeleton === right.skeleton;
}

interface ComparableForm {
  folded: string;
  isArabic: boolean;
  skeleton: string;
}

// Matching compares every Lebanese authority with every French one: each name is folded once
// and remembered (a few thousand names at most), not once per pair.
const FORMS = new Map<string, ComparableForm>();
const MAX_FORMS = 50_000;

function comparableForm(name: string): ComparableForm {
  let form = FORMS.get(name);
  if (!form) {
    const folded = foldName(name);
    const isArabic = ARABIC_LETTER.test(folded);
    form = { folded, isArabic, skeleton: isArabic ? arabicSkeleton(folded) : latinSkeleton(folded) };
    if (FORMS.size >= MAX_FORMS) FORMS.clear();
    FORMS.set(name, form);
  }
  return form;
}

/** True when any of `names` designates the same authority as `name`. */
export function isNamedAmong(name: string, names: readonly string[]): boolean {
  return names.some((candidate) => isSameAuthority(name, candidate));
}

const ARABIC_LETTER = /[\u0621-\u064A]/u;

// Words that say what kind of authority follows, not which one. Unions of municipalities keep
// their prefix: a union and the municipality it is named after are two authorities.
const LATIN_PREFIXES = [
  "ville de",
  "ville d",
  "commune de",
  "commune d",
  "mairie de",
  "mairie d",
  "municipalite de",
  "municipalite d",
  "municipality of",
  "city of",
  "town of",
  "metropole de",
  "metropole du",
  "metropole d",
  "departement de",
  "departement du",
  "departement d",
  "conseil departemental de",
  "conseil departemental du",
  "region",
  "baladiyat",
  "baladiyet",
  "baladieh",
];
const ARABIC_PREFIXES = ["بلدية", "مدينة", "بلديه"];

/** Lower case, no accents or Arabic diacritics, punctuation as spaces, kind-of-authority words removed. */
export function foldName(name: string): string {
  let folded = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u064B-\u0652\u0640]/g, "") // harakat and tatweel
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/\bst\b/g, "saint")
    .replace(/\bste\b/g, "sainte");
  for (const prefix of [...LATIN_PREFIXES, ...ARABIC_PREFIXES]) {
    if (folded === prefix) return "";
    if (folded.startsWith(`${prefix} `)) {
      folded = folded.slice(prefix.length + 1);
      break;
    }
  }
  return folded;
}

// Consonant classes shared by both alphabets; every letter not listed (vowels, h, w, y, the
// Arabic weak letters, hamza and ʿayn) is dropped.
const LATIN_DIGRAPHS: readonly [string, string][] = [
  ["sch", "S"],
  ["ch", "S"],
  ["sh", "S"],
  ["dj", "J"],
  ["kh", "K"],
  ["gh", "K"],
  ["ph", "F"],
  ["th", "T"],
  ["qu", "K"],
  ["ck", "K"],
];
const LATIN_CLASSES: Record<string, string> = {
  b: "B",
  p: "B",
  t: "T",
  d: "T",
  s: "S",
  z: "S",
  x: "KS",
  k: "K",
  q: "K",
  f: "F",
  v: "F",
  j: "J",
  l: "L",
  m: "M",
  n: "N",
  r: "R",
};
const ARABIC_CLASSES: Record<string, string> = {
  ب: "B",
  پ: "B",
  ت: "T",
  ط: "T",
  د: "T",
  ض: "T",
  ث: "T",
  ذ: "T",
  ظ: "T",
  س: "S",
  ص: "S",
  ز: "S",
  ش: "S",
  ج: "J",
  ك: "K",
  ق: "K",
  غ: "K",
  خ: "K",
  گ: "K",
  ف: "F",
  ڤ: "F",
  ل: "L",
  م: "M",
  ن: "N",
  ر: "R",
};

function latinSkeleton(folded: string): string {
  // The Arabic article transliterated (El Mina, Al Qaa) is dropped as the Arabic one is.
  return folded
    .replace(/^(?:el|al) (?=\S)/, "")
    .split(" ")
    .map((word) => {
      // Doubled letters are one sound (Marseille, Lille); Arabic writes them once.
      let rest = word.replace(/(\p{L})\1+/gu, "$1");
      let skeleton = "";
      while (rest !== "") {
        const digraph = LATIN_DIGRAPHS.find(([letters]) => rest.startsWith(letters));
        if (digraph) {
          skeleton += digraph[1];
          rest = rest.slice(digraph[0].length);
          continue;
        }
        const letter = rest[0] as string;
        const next = rest[1] ?? "";
        const isSoft = "eiy".includes(next) && next !== "";
        if (letter === "c") skeleton += isSoft ? "S" : "K";
        else if (letter === "g") skeleton += isSoft ? "J" : "K";
        else if (letter === "ç") skeleton += "S";
        else skeleton += LATIN_CLASSES[letter] ?? "";
        rest = rest.slice(1);
      }
      return skeleton;
    })
    .join("");
}

function arabicSkeleton(folded: string): string {
  return folded
    .split(" ")
    .map((word) => [...word.replace(/^ال(?=\S{2})/u, "")].map((letter) => ARABIC_CLASSES[letter] ?? "").join(""))
    .join("");
}
