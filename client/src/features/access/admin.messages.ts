import { defineMessages, type FeatureKey } from "../../i18n/feature-messages";

const fr = {
  accountsTitle: "Comptes",
  accountEmail: "Adresse e-mail",
  accountRole: "Rôle",
  accountPassword: "Mot de passe (12 caractères au moins)",
  createAccount: "Créer le compte",
  accountCreated: "Compte créé pour {email}.",
  roleChanged: "Rôle de {email} modifié ; la personne doit se reconnecter.",
  roleAdmin: "Administration",
  roleAnalyst: "Analyse",
  roleViewer: "Consultation",
  auditTitle: "Journal d'audit",
  auditAt: "Date (UTC)",
  auditActor: "Qui",
  auditAction: "Action",
  auditTarget: "Objet",
  downloadAudit: "Télécharger le journal (CSV)",
  auditMore: "Entrées plus anciennes",
};

const ar = {
  accountsTitle: "الحسابات",
  accountEmail: "البريد الإلكتروني",
  accountRole: "الدور",
  accountPassword: "كلمة المرور (12 حرفًا على الأقل)",
  createAccount: "إنشاء الحساب",
  accountCreated: "تم إنشاء حساب لـ {email}.",
  roleChanged: "تم تغيير دور {email}؛ عليه تسجيل الدخول من جديد.",
  roleAdmin: "إدارة",
  roleAnalyst: "تحليل",
  roleViewer: "اطّلاع",
  auditTitle: "سجلّ التدقيق",
  auditAt: "التاريخ (UTC)",
  auditActor: "من",
  auditAction: "الإجراء",
  auditTarget: "الموضوع",
  downloadAudit: "تنزيل السجلّ (CSV)",
  auditMore: "إدخالات أقدم",
};

const en = {
  accountsTitle: "Accounts",
  accountEmail: "E-mail address",
  accountRole: "Role",
  accountPassword: "Password (at least 12 characters)",
  createAccount: "Create the account",
  accountCreated: "Account created for {email}.",
  roleChanged: "Role of {email} changed; they must sign in again.",
  roleAdmin: "Administrator",
  roleAnalyst: "Analyst",
  roleViewer: "Viewer",
  auditTitle: "Audit trail",
  auditAt: "Date (UTC)",
  auditActor: "Who",
  auditAction: "Action",
  auditTarget: "Subject",
  downloadAudit: "Download the trail (CSV)",
  auditMore: "Older entries",
};

/** The administration page's own words: accounts and the audit trail. */
export const adminMessages = defineMessages({ fr, ar, en });

/** A key that `t` reads in this feature: one of its own or a shared one. */
export type AdminKey = FeatureKey<typeof adminMessages>;
