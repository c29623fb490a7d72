import type { ReactNode } from 'react';

import DataTable, { dataTableStyles as styles } from '@site/src/components/DataTable';
import { aboutUsd } from '@site/src/lib/worksheet/cost';
import { referenceRows, referenceTotal } from '@site/src/lib/worksheet/pieceTables';

/**
 * Step 3: the monthly cost of the workshop's choice for every layer, and the total — from
 * `pieces.ts` (the choices) and `cost.ts` (the estimates).
 */
export default function ReferenceCostTable(): ReactNode {
  return (
    <DataTable caption="The proposed architecture, per month">
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">Piece</th>
          <th scope="col">Sizing</th>
          <th scope="col" className={styles.number}>
            Approx. per month
          </th>
        </tr>
      </thead>
      <tbody>
        {referenceRows().map(({ layer, piece, estimate }) => (
          <tr key={layer.id}>
            <th scope="row">{layer.name}</th>
            <td>{piece.name}</td>
            <td>{estimate.kind === 'priced' ? estimate.sizing : estimate.why}</td>
            <td className={styles.number}>
              {estimate.kind === 'priced' ? aboutUsd(estimate.usd) : 'not priced'}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className={styles.total}>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className={styles.number}>{aboutUsd(referenceTotal())}</td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
