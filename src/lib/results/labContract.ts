/**
 * What the viewer takes from the labs' exported contract (`labs/contract/rules.json`, written
 * by `python -m workshop.export_contract`): the site plan with its zones and the words for each
 * quarantine reason. Imported at build time, so the labs stay the one source of truth.
 */
import rulesDocument from '../../../labs/contract/rules.json';

export type SiteZone = {
  id: string;
  name: string;
  restricted: boolean;
  /** South-west corner, metres. */
  x0: number;
  y0: number;
  /** North-east corner, metres. */
  x1: number;
  y1: number;
};

/** The site plan: a rectangle in metres, origin at the south-west corner, y growing north. */
export type SitePlan = {
  width_m: number;
  height_m: number;
  /** The zone name of a position outside every zone. */
  open_area: string;
  zones: SiteZone[];
};

export const SITE_PLAN: SitePlan = {
  width_m: rulesDocument.site_plan.width_m,
  height_m: rulesDocument.site_plan.height_m,
  open_area: rulesDocument.site_plan.open_area,
  zones: rulesDocument.site_plan.zones.map((zone) => ({ ...zone })),
};

/** What each quarantine reason code means, in words. */
export const QUARANTINE_REASON_TEXT: Readonly<Record<string, string>> = Object.fromEntries(
  rulesDocument.quarantine_reasons.map((reason) => [reason.code, reason.description]),
);
