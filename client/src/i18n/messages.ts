import type { Locale } from "@passerelle/shared";

/**
 * The app's shared words (the questionnaires carry their own translations): those of the pages in
 * the entry chunk, and those several features use. A lazily loaded feature keeps its own words in
 * its folder (`defineMessages`), so respondents never download the staff pages' strings. French is
 * the reference: its keys define `MessageKey`, and the two other dictionaries must have exactly
 * the same keys, which the type checker enforces. `{name}` marks a value filled in by `t`.
 */
const fr = {
  staffSignIn: "Connexion équipe",
  signInTitle: "Connexion",
  signInEmail: "Adresse e-mail",
  signInPassword: "Mot de passe",
  signInSubmit: "Se connecter",
  signInToContinue: "Cette page est réservée à l'équipe. Connectez-vous pour continuer.",
  signOut: "Se déconnecter",
  errorForbiddenRole: "Votre rôle ne donne pas accès à cette page.",
  adminTitle: "Administration",
  errorInvalidCredentials: "L'adresse e-mail ou le mot de passe n'est pas bon.",
  errorCsrf: "La page a expiré. Rechargez-la puis recommencez.",
  errorAccountExists: "Un compte existe déjà pour cette adresse.",
  errorAccountInUse: "Ce compte a déjà servi : désactivez-le plutôt que de le supprimer.",
  errorAccountDisabled: "Ce compte est désactivé. Demandez à un administrateur de le réactiver.",
  errorPasswordChangeRequired: "Choisissez d'abord un nouveau mot de passe : celui-ci était temporaire.",
  errorInvalidImport: "Ce fichier ne peut pas être importé : il doit être un CSV en UTF-8 avec une ligne d'en-tête (nom, type, gouvernorat, caza, e-mail, langue).",
  errorInvitationRequired: "Ce questionnaire est réservé aux collectivités invitées : ouvrez le lien reçu par e-mail.",
  errorInvitationInvalid: "Ce lien d'invitation n'est plus valable. Demandez un nouveau lien à Cités Unies Liban.",
  errorResponseExists: "La réponse de votre collectivité a déjà été commencée depuis un autre appareil. Rouvrez le lien d'invitation pour la reprendre.",
  errorImportConflict: "Un autre import de la liste de ce questionnaire a eu lieu au même moment. Importez le fichier à nouveau.",
  errorTooManyRequests: "Trop de tentatives. Patientez quelques minutes avant de réessayer.",
  appName: "Passerelle",
  tagline: "Questionnaires de la coopération décentralisée franco-libanaise",
  languageSwitchLabel: "Langue",
  skipToContent: "Aller au contenu",
  loading: "Chargement…",
  retry: "Réessayer",
  backHome: "Retour aux questionnaires",

  homeTitle: "Questionnaires ouverts",
  homeIntro: "Choisissez le questionnaire auquel vous répondez au nom de votre collectivité.",
  homeEmpty: "Aucun questionnaire n'est ouvert pour le moment.",
  homeError: "Impossible de charger les questionnaires : {reason}",

  formLoading: "Chargement du questionnaire…",
  formLoadFailedTitle: "Impossible d'ouvrir ce questionnaire",
  surveyClosedNotice: "Ce questionnaire est clos : les réponses ne peuvent plus être modifiées.",
  surveyNotOpenNotice: "Ce questionnaire n'est pas encore ouvert aux réponses.",
  resumeFailedTitle: "Impossible de reprendre cette réponse",
  resumeUnauthorised: "Le lien de reprise est incomplet ou n'est plus valable.",
  resumeNotFound: "Cette réponse n'existe pas ou n'existe plus.",
  resumeMissingToken: "Ce lien ne contient pas le code de reprise. Utilisez le lien complet que vous avez copié.",
  startNewResponse: "Commencer une nouvelle réponse",
  submittedEditing:
    "Cette réponse a déjà été envoyée. Vos modifications ne seront enregistrées que lorsque vous l'enverrez à nouveau.",

  saveIdle: "Vos réponses sont enregistrées automatiquement au fil de la saisie.",
  invitationAnsweringFor: "Vous répondez au nom de : {name}. Ces informations viennent de votre invitation ; pour les corriger, écrivez à Cités Unies Liban.",
  invitationLinkExplain: "Ce lien est celui de votre invitation : il rouvre la réponse de votre collectivité sur n'importe quel appareil. Ne le transmettez qu'aux personnes qui répondent pour elle.",
  saveSaving: "Enregistrement…",
  saveSavedAt: "Enregistré à {time}",
  saveOffline: "Hors connexion — vos réponses seront enregistrées au retour de la connexion",
  saveFailed: "Échec de l'enregistrement : {reason}",
  saveSubmitting: "Envoi…",
  submitOffline: "Hors connexion : le questionnaire n'a pas été envoyé. Réessayez quand la connexion sera revenue.",
  submitFailed: "Le questionnaire n'a pas été envoyé : {reason}",
  submitInvalid: "Certaines réponses sont à corriger avant l'envoi.",
  saveConflict: "Non enregistré : la réponse a été modifiée ailleurs.",
  conflictNotice:
    "Cette réponse a été modifiée ailleurs, sur un autre appareil ou dans un autre onglet. Vos dernières saisies sur cette page ne sont pas enregistrées : elles restent affichées tant que vous n'avez pas choisi.",
  conflictReload: "Charger la version enregistrée",
  conflictReloadNote: "Vos saisies sur cette page seront remplacées par la version enregistrée ailleurs.",
  conflictKeepMine: "Garder mes réponses et les enregistrer",
  conflictKeepMineNote: "La version enregistrée ailleurs sera remplacée par vos réponses.",
  conflictWorking: "Chargement de la version enregistrée…",
  conflictFailed: "Impossible de charger la version enregistrée : {reason}",

  resumeLinkTitle: "Lien de reprise",
  resumeLinkExplain:
    "Ce lien vous permet de reprendre vos réponses plus tard, depuis n'importe quel appareil. Gardez-le pour vous : toute personne qui le possède peut modifier la réponse.",
  resumeLinkLabel: "Lien de reprise de votre réponse",
  copy: "Copier le lien",
  copied: "Lien copié",
  copyFallback: "Le lien est sélectionné : copiez-le avec votre appareil.",

  doneTitle: "Merci, votre réponse a été envoyée",
  doneBody: "Votre réponse a bien été enregistrée.",
  doneReference: "Référence de la réponse",
  doneCorrect: "Vous pouvez corriger vos réponses jusqu'à la clôture du questionnaire grâce à ce lien :",
  doneNoLink: "Le lien de reprise n'est pas disponible sur cet appareil.",
  openResponse: "Revoir ou corriger mes réponses",

  dashboardLink: "Tableau de bord",
  dashboardLoading: "Chargement des résultats…",
  labelValue: "{label} : {value}",

  notFoundTitle: "Page introuvable",
  notFoundBody: "Cette adresse ne correspond à aucune page.",

  errorInvalidRequest: "La demande était incorrecte.",
  errorUnauthenticated: "Le code de reprise manque ou n'est pas valable.",
  errorForbidden: "Ce code de reprise ne donne pas accès à cette réponse.",
  errorSurveyNotFound: "Ce questionnaire n'existe pas.",
  errorResponseNotFound: "Cette réponse n'existe pas.",
  errorRouteNotFound: "Ce service est introuvable.",
  errorSurveyClosed: "Ce questionnaire est clos.",
  errorAlreadySubmitted: "Cette réponse a déjà été envoyée.",
  errorEditConflict: "Cette réponse a été modifiée au même moment depuis une autre fenêtre ou un autre appareil.",
  errorResponseChanged: "Cette réponse a été modifiée ailleurs (sur un autre appareil ou dans un autre onglet).",
  errorIdempotencyKeyReused: "Cette demande de création a déjà servi pour d'autres réponses. Rechargez la page.",
  errorPayloadTooLarge: "Les réponses sont trop volumineuses.",
  errorUnsupportedMediaType: "Format de demande non pris en charge.",
  errorInvalidAnswers: "Certaines réponses ne sont pas valables.",
  errorInternal: "Erreur du serveur. Réessayez plus tard.",
  errorStoreUnavailable: "Le service est momentanément indisponible. Réessayez plus tard.",
  errorUnknown: "Erreur inattendue.",
  errorNetwork: "Le serveur est injoignable (pas de connexion ?).",
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;

const ar: Messages = {
  staffSignIn: "دخول الفريق",
  signInTitle: "تسجيل الدخول",
  signInEmail: "البريد الإلكتروني",
  signInPassword: "كلمة المرور",
  signInSubmit: "دخول",
  signInToContinue: "هذه الصفحة مخصّصة للفريق. سجّل الدخول للمتابعة.",
  signOut: "تسجيل الخروج",
  errorForbiddenRole: "دورك لا يتيح الوصول إلى هذه الصفحة.",
  adminTitle: "الإدارة",
  errorInvalidCredentials: "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
  errorCsrf: "انتهت صلاحية الصفحة. أعد تحميلها ثم حاول مجددًا.",
  errorAccountExists: "يوجد حساب بهذا العنوان مسبقًا.",
  errorAccountInUse: "سبق استخدام هذا الحساب: عطّلوه بدلًا من حذفه.",
  errorAccountDisabled: "هذا الحساب معطَّل. اطلبوا من أحد المسؤولين إعادة تفعيله.",
  errorPasswordChangeRequired: "اختاروا أولًا كلمة مرور جديدة: كانت هذه مؤقتة.",
  errorInvalidImport: "لا يمكن استيراد هذا الملف: يجب أن يكون بصيغة CSV بترميز UTF-8 مع سطر عناوين (الاسم، النوع، المحافظة، القضاء، البريد الإلكتروني، اللغة).",
  errorInvitationRequired: "هذا الاستبيان مخصص للسلطات المحلية المدعوة: افتحوا الرابط الذي وصلكم بالبريد الإلكتروني.",
  errorInvitationInvalid: "رابط الدعوة هذا لم يعد صالحًا. اطلبوا رابطًا جديدًا من المدن المتحدة لبنان.",
  errorResponseExists: "بدأت سلطتكم المحلية الإجابة من جهاز آخر. أعيدوا فتح رابط الدعوة لمتابعتها.",
  errorImportConflict: "جرى استيراد آخر لقائمة هذا الاستبيان في الوقت نفسه. استوردوا الملف مجددًا.",
  errorTooManyRequests: "محاولات كثيرة جدًا. انتظر بضع دقائق قبل المحاولة مجددًا.",
  appName: "Passerelle",
  tagline: "استبيانات التعاون اللامركزي الفرنسي اللبناني",
  languageSwitchLabel: "اللغة",
  skipToContent: "الانتقال إلى المحتوى",
  loading: "جارٍ التحميل…",
  retry: "إعادة المحاولة",
  backHome: "العودة إلى الاستبيانات",

  homeTitle: "الاستبيانات المفتوحة",
  homeIntro: "اختر الاستبيان الذي تجيب عنه باسم سلطتك المحلية.",
  homeEmpty: "لا يوجد استبيان مفتوح حاليًا.",
  homeError: "تعذّر تحميل الاستبيانات: {reason}",

  formLoading: "جارٍ تحميل الاستبيان…",
  formLoadFailedTitle: "تعذّر فتح هذا الاستبيان",
  surveyClosedNotice: "هذا الاستبيان مغلق: لم يعد بالإمكان تعديل الإجابات.",
  surveyNotOpenNotice: "هذا الاستبيان غير مفتوح للإجابة بعد.",
  resumeFailedTitle: "تعذّر استئناف هذه الإجابة",
  resumeUnauthorised: "رابط الاستئناف غير مكتمل أو لم يعد صالحًا.",
  resumeNotFound: "هذه الإجابة غير موجودة أو لم تعد موجودة.",
  resumeMissingToken: "لا يحتوي هذا الرابط على رمز الاستئناف. استخدم الرابط الكامل الذي نسخته.",
  startNewResponse: "بدء إجابة جديدة",
  submittedEditing: "تم إرسال هذه الإجابة مسبقًا. لن تُحفظ تعديلاتك إلا عند إعادة إرسالها.",

  saveIdle: "تُحفظ إجاباتك تلقائيًا أثناء الإدخال.",
  invitationAnsweringFor: "تجيبون باسم: {name}. هذه البيانات مأخوذة من دعوتكم؛ لتصحيحها راسلوا المدن المتحدة لبنان.",
  invitationLinkExplain: "هذا هو رابط دعوتكم: يعيد فتح إجابة سلطتكم المحلية على أي جهاز. لا تشاركوه إلا مع الأشخاص الذين يجيبون باسمها.",
  saveSaving: "جارٍ الحفظ…",
  saveSavedAt: "تم الحفظ في الساعة {time}",
  saveOffline: "لا يوجد اتصال — ستُحفظ إجاباتك عند عودة الاتصال",
  saveFailed: "تعذّر الحفظ: {reason}",
  saveSubmitting: "جارٍ الإرسال…",
  submitOffline: "لا يوجد اتصال: لم يُرسَل الاستبيان. أعد المحاولة عند عودة الاتصال.",
  submitFailed: "لم يُرسَل الاستبيان: {reason}",
  submitInvalid: "يجب تصحيح بعض الإجابات قبل الإرسال.",
  saveConflict: "لم يتم الحفظ: عُدِّلت الإجابة في مكان آخر.",
  conflictNotice:
    "عُدِّلت هذه الإجابة في مكان آخر، على جهاز آخر أو في علامة تبويب أخرى. لم تُحفظ تعديلاتك الأخيرة على هذه الصفحة: تبقى معروضة إلى أن تختار.",
  conflictReload: "تحميل النسخة المحفوظة",
  conflictReloadNote: "ستحلّ النسخة المحفوظة في المكان الآخر محلّ ما أدخلته على هذه الصفحة.",
  conflictKeepMine: "الاحتفاظ بإجاباتي وحفظها",
  conflictKeepMineNote: "ستحلّ إجاباتك محلّ النسخة المحفوظة في المكان الآخر.",
  conflictWorking: "جارٍ تحميل النسخة المحفوظة…",
  conflictFailed: "تعذّر تحميل النسخة المحفوظة: {reason}",

  resumeLinkTitle: "رابط الاستئناف",
  resumeLinkExplain:
    "يتيح لك هذا الرابط متابعة إجاباتك لاحقًا من أي جهاز. احتفظ به لنفسك: كل من يملكه يستطيع تعديل الإجابة.",
  resumeLinkLabel: "رابط استئناف إجابتك",
  copy: "نسخ الرابط",
  copied: "تم نسخ الرابط",
  copyFallback: "تم تحديد الرابط: انسخه بواسطة جهازك.",

  doneTitle: "شكرًا، تم إرسال إجابتك",
  doneBody: "تم تسجيل إجابتك بنجاح.",
  doneReference: "مرجع الإجابة",
  doneCorrect: "يمكنك تصحيح إجاباتك حتى إغلاق الاستبيان عبر هذا الرابط:",
  doneNoLink: "رابط الاستئناف غير متوفر على هذا الجهاز.",
  openResponse: "مراجعة إجاباتي أو تصحيحها",

  dashboardLink: "لوحة المتابعة",
  dashboardLoading: "جارٍ تحميل النتائج…",
  labelValue: "{label}: {value}",

  notFoundTitle: "الصفحة غير موجودة",
  notFoundBody: "لا يطابق هذا العنوان أي صفحة.",

  errorInvalidRequest: "الطلب غير صحيح.",
  errorUnauthenticated: "رمز الاستئناف مفقود أو غير صالح.",
  errorForbidden: "رمز الاستئناف هذا لا يتيح الوصول إلى هذه الإجابة.",
  errorSurveyNotFound: "هذا الاستبيان غير موجود.",
  errorResponseNotFound: "هذه الإجابة غير موجودة.",
  errorRouteNotFound: "هذه الخدمة غير موجودة.",
  errorSurveyClosed: "هذا الاستبيان مغلق.",
  errorAlreadySubmitted: "تم إرسال هذه الإجابة مسبقًا.",
  errorEditConflict: "عُدِّلت هذه الإجابة في الوقت نفسه من نافذة أو جهاز آخر.",
  errorResponseChanged: "عُدِّلت هذه الإجابة في مكان آخر (على جهاز آخر أو في علامة تبويب أخرى).",
  errorIdempotencyKeyReused: "سبق استخدام طلب الإنشاء هذا لإجابات أخرى. أعد تحميل الصفحة.",
  errorPayloadTooLarge: "حجم الإجابات كبير جدًا.",
  errorUnsupportedMediaType: "صيغة الطلب غير مدعومة.",
  errorInvalidAnswers: "بعض الإجابات غير صالحة.",
  errorInternal: "خطأ في الخادم. أعد المحاولة لاحقًا.",
  errorStoreUnavailable: "الخدمة غير متاحة مؤقتًا. أعد المحاولة لاحقًا.",
  errorUnknown: "خطأ غير متوقع.",
  errorNetwork: "تعذّر الوصول إلى الخادم (هل الاتصال مقطوع؟).",
};

const en: Messages = {
  staffSignIn: "Staff sign-in",
  signInTitle: "Sign in",
  signInEmail: "E-mail address",
  signInPassword: "Password",
  signInSubmit: "Sign in",
  signInToContinue: "This page is for staff. Sign in to continue.",
  signOut: "Sign out",
  errorForbiddenRole: "Your role does not give access to this page.",
  adminTitle: "Administration",
  errorInvalidCredentials: "The e-mail address or the password is not right.",
  errorCsrf: "The page has expired. Reload it and try again.",
  errorAccountExists: "There is already an account for this address.",
  errorAccountInUse: "This account has been used: disable it rather than delete it.",
  errorAccountDisabled: "This account is disabled. Ask an administrator to enable it again.",
  errorPasswordChangeRequired: "First choose a new password: this one was temporary.",
  errorInvalidImport: "This file cannot be imported: it must be a UTF-8 CSV with a header line (name, kind, governorate, district, email, language).",
  errorInvitationRequired: "This questionnaire is for invited authorities only: open the link you received by e-mail.",
  errorInvitationInvalid: "This invitation link is no longer valid. Ask Cités Unies Liban for a new one.",
  errorResponseExists: "Your authority's response was already started from another device. Open the invitation link again to continue it.",
  errorImportConflict: "Another import of this questionnaire's list ran at the same time. Import the file again.",
  errorTooManyRequests: "Too many attempts. Wait a few minutes before trying again.",
  appName: "Passerelle",
  tagline: "Questionnaires for French–Lebanese decentralised cooperation",
  languageSwitchLabel: "Language",
  skipToContent: "Skip to content",
  loading: "Loading…",
  retry: "Try again",
  backHome: "Back to questionnaires",

  homeTitle: "Open questionnaires",
  homeIntro: "Choose the questionnaire you are answering on behalf of your local authority.",
  homeEmpty: "No questionnaire is open at the moment.",
  homeError: "The questionnaires could not be loaded: {reason}",

  formLoading: "Loading the questionnaire…",
  formLoadFailedTitle: "This questionnaire could not be opened",
  surveyClosedNotice: "This questionnaire is closed: answers can no longer be changed.",
  surveyNotOpenNotice: "This questionnaire is not open for answers yet.",
  resumeFailedTitle: "This response cannot be resumed",
  resumeUnauthorised: "The resume link is incomplete or no longer valid.",
  resumeNotFound: "This response does not exist, or no longer exists.",
  resumeMissingToken: "This link lacks the resume code. Use the complete link you copied.",
  startNewResponse: "Start a new response",
  submittedEditing: "This response has already been sent. Your changes are only saved when you send it again.",

  saveIdle: "Your answers are saved automatically as you type.",
  invitationAnsweringFor: "You are answering for: {name}. This comes from your invitation; to correct it, write to Cités Unies Liban.",
  invitationLinkExplain: "This is your invitation link: it reopens your authority's response on any device. Share it only with the people answering for it.",
  saveSaving: "Saving…",
  saveSavedAt: "Saved at {time}",
  saveOffline: "Offline — your answers will be saved when the connection returns",
  saveFailed: "Could not save: {reason}",
  saveSubmitting: "Sending…",
  submitOffline: "Offline: the questionnaire was not sent. Try again when the connection returns.",
  submitFailed: "The questionnaire was not sent: {reason}",
  submitInvalid: "Some answers need correcting before sending.",
  saveConflict: "Not saved: the response was changed elsewhere.",
  conflictNotice:
    "This response was changed elsewhere, on another device or in another tab. Your latest changes on this page are not saved: they stay on screen until you choose.",
  conflictReload: "Load the saved version",
  conflictReloadNote: "What you typed on this page will be replaced by the version saved elsewhere.",
  conflictKeepMine: "Keep my answers and save them",
  conflictKeepMineNote: "The version saved elsewhere will be replaced by your answers.",
  conflictWorking: "Loading the saved version…",
  conflictFailed: "Could not load the saved version: {reason}",

  resumeLinkTitle: "Resume link",
  resumeLinkExplain:
    "This link lets you continue your answers later, from any device. Keep it to yourself: anyone who has it can change the response.",
  resumeLinkLabel: "Resume link of your response",
  copy: "Copy link",
  copied: "Link copied",
  copyFallback: "The link is selected: copy it with your device.",

  doneTitle: "Thank you, your response was sent",
  doneBody: "Your response has been recorded.",
  doneReference: "Response reference",
  doneCorrect: "You can correct your answers until the questionnaire closes with this link:",
  doneNoLink: "The resume link is not available on this device.",
  openResponse: "Review or correct my answers",

  dashboardLink: "Dashboard",
  dashboardLoading: "Loading the results…",
  labelValue: "{label}: {value}",

  notFoundTitle: "Page not found",
  notFoundBody: "This address does not match any page.",

  errorInvalidRequest: "The request was invalid.",
  errorUnauthenticated: "The resume code is missing or invalid.",
  errorForbidden: "This resume code does not give access to this response.",
  errorSurveyNotFound: "This questionnaire does not exist.",
  errorResponseNotFound: "This response does not exist.",
  errorRouteNotFound: "This service cannot be found.",
  errorSurveyClosed: "This questionnaire is closed.",
  errorAlreadySubmitted: "This response has already been sent.",
  errorEditConflict: "This response was changed at the same moment from another window or device.",
  errorResponseChanged: "This response was changed elsewhere (on another device or in another tab).",
  errorIdempotencyKeyReused: "This creation request was already used for other answers. Reload the page.",
  errorPayloadTooLarge: "The answers are too large.",
  errorUnsupportedMediaType: "Unsupported request format.",
  errorInvalidAnswers: "Some answers are not valid.",
  errorInternal: "Server error. Please try again later.",
  errorStoreUnavailable: "The service is temporarily unavailable. Please try again later.",
  errorUnknown: "Unexpected error.",
  errorNetwork: "The server cannot be reached (no connection?).",
};

export const MESSAGES: Record<Locale, Messages> = { fr, ar, en };

/** Each language named in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: "Français", ar: "العربية", en: "English" };

/** What fills a message's `{name}` placeholders, by name. */
export type PlaceholderValues = Record<string, string>;

/** Reads the message of a key (of type `K`) in the reader's language, placeholders filled. */
export type Translate<K extends string = MessageKey> = (key: K, values?: PlaceholderValues) => string;

/** The message for `key` in `locale`, with `{name}` placeholders replaced from `values`. */
export function translate(locale: Locale, key: MessageKey, values?: PlaceholderValues): string {
  return fillPlaceholders(MESSAGES[locale][key], values);
}

/** `template` with each `{name}` replaced by `values[name]`; a placeholder without a value stays as it is. */
export function fillPlaceholders(template: string, values: PlaceholderValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
