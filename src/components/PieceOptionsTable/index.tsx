import type { ReactNode } from 'react';

import DataTable, {
  dataTableStyles as styles,
  EffectMark,
  NoEntry,
} from '@site/src/components/DataTable';
import { ATTRIBUTE_NAMES, type LayerId } from '@site/src/lib/worksheet/model';
import {
  layerAttributes,
  OPERATIONS_NAME,
  requireLayer,
} from '@site/src/lib/worksheet/pieceTables';
import { piecesOf } from '@site/src/lib/worksheet/pieces';

/**
 * Step 2e: what a layer does and every piece that can fill it, with its effect on each quality
 * attribute, what running it asks and when it fits — all from `pieces.ts`.
 */
export default function PieceOptionsTable({ layer }: { layer: LayerId }): ReactNode {
  const { name, job } = requireLayer(layer);
  const attributes = layerAttributes(layer);
  return (
    <>
      <p>{job}</p>
      <DataTable caption={`${name}: the options and their trade-offs`}>
        <thead>
          <tr>
            <th scope="col">Option</th>
            {attributes.map((attribute) => (
              <th key={attribute} scope="col">
                {ATTRIBUTE_NAMES[attribute]}
              </th>
            ))}
            <th scope="col">{OPERATIONS_NAME}</th>
            <th scope="col">Fits when</th>
          </tr>
        </thead>
        <tbody>
          {piecesOf(layer).map((piece) => (
            <tr key={piece.id}>
              <th scope="row">{piece.name}</th>
              {attributes.map((attribute) => {
                const effect = piece.effects[attribute];
                return (
                  <td key={attribute}>
                    {effect ? (
                      <>
                        <EffectMark effect={effect[0]} />
                        {effect[1]}
                      </>
                    ) : (
                      <NoEntry />
                    )}
                  </td>
                );
              })}
              <td>
                <EffectMark effect={piece.operations[0]} />
                {piece.operations[1]}
              </td>
              <td>
                {piece.summary}
                {piece.needs && <span className={styles.note}>Fits {piece.needs.why}.</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
