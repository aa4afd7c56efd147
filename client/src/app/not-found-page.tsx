import { PageHeading } from "../components/page-heading";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { Link } from "./navigation";
import { homePath } from "./routes";

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t("notFoundTitle"));
  return (
    <section className="page">
      <PageHeading>{t("notFoundTitle")}</PageHeading>
      <p>{t("notFoundBody")}</p>
      <p>
        <Link to={homePath()}>{t("backHome")}</Link>
      </p>
    </section>
  );
}
