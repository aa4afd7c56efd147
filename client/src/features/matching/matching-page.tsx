import type { AuthorityLists, Role } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { Link, useLocation } from "../../app/navigation";
import { matchingPath } from "../../app/routes";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader, type Loaded } from "../../lib/use-loader";
import { RequireStaff } from "../access/require-staff";
import { CandidatesSection } from "./candidates-section";
import { FollowUpSection } from "./follow-up-section";
import { IntroductionsSection } from "./introductions-section";
import { listAuthorities } from "./matching.api";
import { matchingMessages, type MatchingKey } from "./matching.messages";
import { PooledSection } from "./pooled-section";
import { ProposalSection } from "./proposal-section";
import { WeightsSection } from "./weights-section";
import "../access/access.css";
import "./matching.css";

const TABS = ["lebanese", "french", "proposal", "pooled", "introductions", "follow-up", "weights"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, MatchingKey> = {
  lebanese: "tabLebanese",
  french: "tabFrench",
  proposal: "tabProposal",
  pooled: "tabPooled",
  introductions: "tabIntroductions",
  "follow-up": "tabFollowUp",
  weights: "tabWeights",
};

/**
 * `/matching`: the matchmaking workspace. Analysts and administrators see everything; viewers
 * only the follow-up in figures (aggregates under the small-group rule). The tab and the
 * authority shown are in the address.
 */
export default function MatchingPage() {
  const { t } = useMessages(matchingMessages);
  useDocumentTitle(t("matchingTitle"));
  return (
    <RequireStaff roles={["admin", "analyst", "viewer"]} title={t("matchingTitle")}>
      {(session) => <Workspace role={session.account.role} />}
    </RequireStaff>
  );
}

function Workspace({ role }: { role: Role }) {
  const { t } = useMessages(matchingMessages);
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const tabs: readonly Tab[] = role === "viewer" ? ["follow-up"] : TABS;
  const asked = params.get("tab");
  const tab = tabs.find((candidate) => candidate === asked) ?? tabs[0]!;
  return (
    <section className="page matching-page">
      <PageHeading>{t("matchingTitle")}</PageHeading>
      <p className="lead">{t("workspaceLead")}</p>
      {tabs.length > 1 && (
        <nav className="matching-tabs" aria-label={t("matchingTitle")}>
          {tabs.map((candidate) => (
            <Link key={candidate} to={matchingPath({ tab: candidate })} aria-current={candidate === tab ? "page" : undefined}>
              {t(TAB_LABELS[candidate])}
            </Link>
          ))}
        </nav>
      )}
      {role === "viewer" ? <FollowUpSection /> : <StaffTab tab={tab} selectedId={params.get("id")} role={role} />}
    </section>
  );
}

function StaffTab({ tab, selectedId, role }: { tab: Tab; selectedId: string | null; role: Role }) {
  // Reloaded on every visit of a side's tab: new answers show without a page reload.
  const [lists] = useLoader((signal) => listAuthorities(signal), [tab]);
  switch (tab) {
    case "lebanese":
    case "french":
      return <WithLists lists={lists}>{(data) => <CandidatesSection key={tab} side={tab} lists={data} selectedId={selectedId} />}</WithLists>;
    case "proposal":
      return <ProposalSection />;
    case "pooled":
      return <WithLists lists={lists}>{(data) => <PooledSection labels={data.labels} />}</WithLists>;
    case "introductions":
      return <WithLists lists={lists}>{(data) => <IntroductionsSection labels={data.labels} />}</WithLists>;
    case "follow-up":
      return <FollowUpSection />;
    case "weights":
      return <WeightsSection canEdit={role === "admin"} />;
  }
}

function WithLists({ lists, children }: { lists: Loaded<AuthorityLists>; children: (lists: AuthorityLists) => React.ReactNode }) {
  const { t } = useMessages(matchingMessages);
  if (lists.status === "loading")
    return (
      <p className="loading" role="status">
        {t("loading")}
      </p>
    );
  if (lists.status === "error") {
    return (
      <Alert tone="error">
        <p>{t(errorMessageKey(lists.error))}</p>
      </Alert>
    );
  }
  return <>{children(lists.data)}</>;
}
