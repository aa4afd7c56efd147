import { lazy, Suspense } from "react";
import { useMessages } from "../../i18n/i18n-context";
import type { ChoroplethMapProps } from "./choropleth-map";
import { mapsMessages } from "./maps.messages";

const LoadedMap = lazy(() => import("./choropleth-map"));

/**
 * The map of Lebanon (see `choropleth-map.tsx` for what it shows), loaded on first use: the
 * pages that show one fetch the drawing code and the boundaries only then, in parallel with
 * their figures. Until it arrives, a placeholder of the map's size says it is coming.
 */
export function ChoroplethMap(props: ChoroplethMapProps) {
  const { t } = useMessages(mapsMessages);
  return (
    <Suspense
      fallback={
        <div className={props.size === "print" ? "choropleth is-print" : "choropleth"}>
          <p className="choropleth-canvas loading" role="status">
            {t("mapLoading")}
          </p>
        </div>
      }
    >
      <LoadedMap {...props} />
    </Suspense>
  );
}
