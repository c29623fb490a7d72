import type { ReactNode } from 'react';

import DataTable, { dataTableStyles as styles, EffectMark } from '@site/src/components/DataTable';
import { aboutUsd, WORKLOAD } from '@site/src/lib/worksheet/cost';
import {
  alternativeRows,
  requireLayer,
  type PricedPiece,
} from '@site/src/lib/worksheet/pieceTables';
import type { AlternativeGroupId } from '@site/src/lib/worksheet/pieces';

const CAPTIONS: Record<AlternativeGroupId, string> = {
  ingestion: 'Ingestion: the proposed piece and its alternatives',
  processing: 'Processing: the proposed pieces and their alternatives',
  storage: 'Storage: the proposed piece and its alternatives',
};

function Cost({ priced, named }: { priced: PricedPiece; named: boolean }): ReactNode {
  const { piece, estimate } = priced;
  const label = named ? `${requireLayer(piece.layer).name}: ` : '';
  if (estimate.kind === 'not-priced') {
    return (
      <li>
        {label}not priced <span className={styles.note}>{estimate.why}</span>
      </li>
    );
  }
  return (
    <li>
      {label}
      <strong>{aboutUsd(estimate.usd)}</strong>
      <span className={styles.note}>{estimate.sizing}</span>
    </li>
  );
}

/**
 * Step 3: the swaps teams most often consider for a group of layers — when to choose each,
 * what it gives up, and its monthly cost for the workload — from `pieces.ts` and `cost.ts`.
 */
export default function PieceAlternativesTable({
  group,
}: {
  group: AlternativeGroupId;
}): ReactNode {
  const rows = alternativeRows(group);
  const perMonth =
    group === 'processing'
      ? `Approx. per month (stream around the clock + ${WORKLOAD.batchHoursPerDay} h of batch a day)`
      : 'Approx. per month';
  return (
    <DataTable caption={CAPTIONS[group]}>
      <thead>
        <tr>
          <th scope="col">Option</th>
          <th scope="col">Choose it when</th>
          <th scope="col">What you give up</th>
          <th scope="col">{perMonth}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.alternative.name}>
            <th scope="row">
              {row.alternative.name}
              {row.proposed && (
                <>
                  {' '}
                  <span className={styles.proposed}>proposed</span>
                </>
              )}
            </th>
            <td>{row.pieces.map(({ piece }) => piece.summary).join(' ')}</td>
            <td>
              <ul className={styles.list}>
                {row.givesUp.map((t) => (
                  <li key={`${t.about}: ${t.text}`}>
                    <EffectMark effect={t.effect} />
                    {t.about}: {t.text}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <ul className={styles.list}>
                {row.pieces.map((priced) => (
                  <Cost key={priced.piece.id} priced={priced} named={row.pieces.length > 1} />
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
