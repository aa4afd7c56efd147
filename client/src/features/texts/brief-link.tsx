import { Link } from "../../app/navigation";
import { useMessages } from "../../i18n/i18n-context";
import { textsMessages } from "./texts.messages";

/** The way from the dashboard to the thematic brief, under the same filters. */
export function BriefLink({ href }: { href: string }) {
  const { t } = useMessages(textsMessages);
  return (
    <p>
      <Link to={href} className="button button-secondary">
        {t("textsBriefLink")}
      </Link>
    </p>
  );
}
