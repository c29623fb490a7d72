import { useId, useMemo, type ReactNode } from 'react';

import type { ClassifiedEvent } from '@site/src/lib/results/contract';
import { formatCount, formatTime } from '@site/src/lib/results/format';
import { SITE_PLAN, type SitePlan } from '@site/src/lib/results/labContract';
import {
  latestPositions,
  positionCounts,
  projectPlan,
  type Position,
  wrapLabel,
  type SubjectKind,
} from '@site/src/lib/results/sitePlan';

import styles from './styles.module.css';

const FRAME = { width: 640, height: 400, margin: 24 };
/** Approximate width of a character of a zone label (12px bold), to wrap names to their zone. */
const LABEL_CHAR = 7.2;
const KIND_LABEL: Record<SubjectKind, string> = {
  employee: 'Employee',
  asset: 'Asset',
  vehicle: 'Vehicle',
};

/** Employees are circles, assets squares, vehicles triangles: the kind never rests on colour. */
function Marker(props: { kind: SubjectKind; x: number; y: number; size?: number }): ReactNode {
  const { kind, x, y, size = 5 } = props;
  const className = styles[kind];
  if (kind === 'employee') return <circle className={className} cx={x} cy={y} r={size} />;
  if (kind === 'asset') {
    return (
      <rect className={className} x={x - size} y={y - size} width={size * 2} height={size * 2} />
    );
  }
  const h = size * 1.15;
  return (
    <path className={className} d={`M${x} ${y - h - 1}L${x + h + 1} ${y + h}H${x - h - 1}Z`} />
  );
}

function LegendIcon(props: { children: ReactNode }): ReactNode {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      {props.children}
    </svg>
  );
}

function zoneName(plan: SitePlan, id: string | undefined): string {
  if (!id || id === plan.open_area) return 'the open area';
  return plan.zones.find((zone) => zone.id === id)?.name ?? id;
}

function describe(position: Position, plan: SitePlan): string {
  const where = `${zoneName(plan, position.zone)}${position.restricted ? ' (restricted)' : ''}`;
  return `${KIND_LABEL[position.kind]} ${position.label} in ${where} at ${formatTime(position.eventTime)} UTC`;
}

/**
 * The site plan (from the labs' contract) with its restricted zones, and the latest position of
 * each employee, asset and vehicle in the run's event sample. North is up.
 */
export default function ResultsViewerSitePlan(props: {
  events: readonly ClassifiedEvent[];
  plan?: SitePlan;
}): ReactNode {
  const { events, plan = SITE_PLAN } = props;
  const prefix = `rvs${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const positions = useMemo(() => latestPositions(events, plan), [events, plan]);
  const projection = useMemo(() => projectPlan(plan, FRAME), [plan]);
  if (positions.length === 0) return null;

  const counts = positionCounts(positions);
  const inRestricted = positions.filter((p) => p.restricted);
  const restrictedZones = plan.zones.filter((zone) => zone.restricted);
  const label =
    `Site plan, ${plan.width_m} by ${plan.height_m} metres, north up, with ${restrictedZones.length} restricted zones ` +
    `(${restrictedZones.map((z) => z.name).join(', ')}). Latest positions: ` +
    (['employee', 'asset', 'vehicle'] as const)
      .filter((kind) => counts[kind].total > 0)
      .map(
        (kind) => `${counts[kind].total} ${kind}s, ${counts[kind].restricted} in restricted zones`,
      )
      .join('; ') +
    '.';
  const scaleMetres = 100;
  const origin = projection.point(0, 0);

  return (
    <div className={styles.sitePlan}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="img"
        aria-label={label}
      >
        <defs>
          <pattern
            id={`${prefix}-restricted`}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" className={styles.restrictedFill} />
            <rect width="3" height="8" className={styles.restrictedHatch} />
          </pattern>
        </defs>
        <rect
          className={styles.site}
          x={projection.left}
          y={projection.top}
          width={projection.width}
          height={projection.height}
        />
        {plan.zones.map((zone) => (
          <g key={zone.id}>
            {/* One string: the HTML minifier drops a title's text split by React's comments. */}
            <title>{`${zone.name}${zone.restricted ? ' (restricted)' : ''}`}</title>
            <rect
              className={zone.restricted ? styles.restrictedZone : styles.zone}
              fill={zone.restricted ? `url(#${prefix}-restricted)` : undefined}
              {...projection.rect(zone)}
            />
          </g>
        ))}
        {positions.map((position) => {
          const point = projection.point(position.x, position.y);
          return (
            <g key={position.key}>
              <title>{describe(position, plan)}</title>
              {position.restricted && (
                <circle className={styles.alertRing} cx={point.x} cy={point.y} r={10} />
              )}
              <Marker kind={position.kind} x={point.x} y={point.y} />
            </g>
          );
        })}
        {/* Zone names last, over the markers, with a halo that keeps them legible. */}
        {plan.zones.map((zone) => {
          const rect = projection.rect(zone);
          const lines = wrapLabel(zone.name, Math.max(6, Math.floor(rect.width / LABEL_CHAR)));
          return (
            <text key={zone.id} className={styles.zoneLabel} x={rect.x + 4} y={rect.y + 13}>
              {lines.map((line, i) => (
                <tspan key={i} x={rect.x + 4} dy={i === 0 ? 0 : 13}>
                  {line}
                </tspan>
              ))}
              {zone.restricted && (
                <tspan className={styles.zoneTag} x={rect.x + 4} dy={12}>
                  RESTRICTED
                </tspan>
              )}
            </text>
          );
        })}
        <g className={styles.furniture}>
          <line
            x1={origin.x}
            x2={origin.x + scaleMetres * projection.scale}
            y1={FRAME.height - 8}
            y2={FRAME.height - 8}
          />
          <text x={origin.x + scaleMetres * projection.scale + 6} y={FRAME.height - 4}>
            {scaleMetres} m
          </text>
          <text x={FRAME.width - 14} y={16} textAnchor="middle">
            N
          </text>
          <path d={`M${FRAME.width - 14} 19l-5 9h10z`} />
        </g>
      </svg>
      <ul className={styles.legend}>
        {(['employee', 'asset', 'vehicle'] as const).map((kind) => (
          <li key={kind}>
            <LegendIcon>
              <Marker kind={kind} x={9} y={9} />
            </LegendIcon>
            {KIND_LABEL[kind]}s: {formatCount(counts[kind].total)}
          </li>
        ))}
        <li>
          <LegendIcon>
            <circle className={styles.alertRing} cx={9} cy={9} r={7} />
          </LegendIcon>
          In a restricted zone: {formatCount(inRestricted.length)}
        </li>
        <li>
          <LegendIcon>
            <rect
              className={styles.restrictedZone}
              fill={`url(#${prefix}-restricted)`}
              x={1}
              y={1}
              width={16}
              height={16}
            />
          </LegendIcon>
          Restricted zone
        </li>
        <li>
          <LegendIcon>
            <rect className={styles.zone} x={1} y={1} width={16} height={16} />
          </LegendIcon>
          Other zone
        </li>
      </ul>
      <p className={styles.caption}>
        The latest position of each tag and vehicle in the run’s event sample.
      </p>
      {inRestricted.length > 0 && (
        <details className={styles.details}>
          <summary>Who is in a restricted zone ({formatCount(inRestricted.length)})</summary>
          <ul>
            {inRestricted.map((position) => (
              <li key={position.key}>{describe(position, plan)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
