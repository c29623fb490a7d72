import type { ReactNode } from 'react';

import DataTable from '@site/src/components/DataTable';
import { pricesUsedBy, sourcesOf, unitPriceText } from '@site/src/lib/worksheet/pieceTables';
import {
  PRICE_REGION,
  PRICE_SOURCES,
  PRICES,
  PRICES_AS_OF,
  type PriceId,
} from '@site/src/lib/worksheet/prices';

/**
 * The unit prices the given pieces' estimates use (all of them when no piece is named), with
 * their date, Region and sources — from `prices.ts` and `cost.ts`.
 */
export default function UnitPriceTable({ pieceIds }: { pieceIds?: readonly string[] }): ReactNode {
  const ids = pieceIds ? pricesUsedBy(pieceIds) : (Object.keys(PRICES) as PriceId[]);
  return (
    <>
      <DataTable
        caption={`Approximate unit prices, ${PRICE_REGION}, on-demand, as of ${PRICES_AS_OF}`}
      >
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Item</th>
            <th scope="col">Approximate price</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id}>
              <th scope="row">{PRICES[id].service}</th>
              <td>{PRICES[id].item}</td>
              <td>{unitPriceText(id)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p>
        Sources:{' '}
        {sourcesOf(ids).map((source, index) => (
          <span key={source}>
            {index > 0 && ', '}
            <a href={PRICE_SOURCES[source].url}>{PRICE_SOURCES[source].title}</a>
          </span>
        ))}
        .
      </p>
    </>
  );
}
