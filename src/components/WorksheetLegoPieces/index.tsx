import clsx from 'clsx';
import { useId, type ReactNode } from 'react';

import { WorkloadSummary } from '@site/src/components/CostFigure';
import UnitPriceTable from '@site/src/components/UnitPriceTable';
import WorksheetCard, {
  TextField,
  worksheetStyles as ws,
} from '@site/src/components/WorksheetCard';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import {
  aboutUsd,
  estimateMonthlyCost,
  totalMonthlyCost,
  WORKLOAD,
} from '@site/src/lib/worksheet/cost';
import { weightedDrivers } from '@site/src/lib/worksheet/drivers';
import { adviceFor } from '@site/src/lib/worksheet/environment';
import {
  ATTRIBUTE_NAMES,
  LAYER_IDS,
  type AttributeId,
  type LayerId,
} from '@site/src/lib/worksheet/model';
import {
  assessPiece,
  bestFits,
  LAYERS,
  pieceById,
  piecesOf,
  REFERENCE_CHOICES,
  type Assessment,
  type Layer,
  type Piece,
} from '@site/src/lib/worksheet/pieces';
import { PRICE_REGION, PRICES_AS_OF } from '@site/src/lib/worksheet/prices';

import styles from './styles.module.css';

const TONE_MARK = { plus: '✔', minus: '✘', neutral: '~' } as const;
const money = (usd: number) =>
  usd.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

function CostDetails({ piece }: { piece: Piece }): ReactNode {
  const estimate = estimateMonthlyCost(piece.id);
  if (estimate.kind === 'not-priced') {
    return <p className={styles.cost}>Not priced: {estimate.why}</p>;
  }
  return (
    <details className={styles.costDetails}>
      <summary>
        Cost: <strong>{aboutUsd(estimate.usd)}</strong> a month
      </summary>
      <p className={styles.sizing}>{estimate.sizing}</p>
      {estimate.lines.length > 0 && (
        <table className={styles.lines}>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Per month</th>
            </tr>
          </thead>
          <tbody>
            {estimate.lines.map((line) => (
              <tr key={line.label}>
                <td>{line.label}</td>
                <td>{line.quantity.toLocaleString('en-US', { maximumFractionDigits: 2 })}</td>
                <td>
                  ${line.unitPrice} per {line.per}
                </td>
                <td>{money(line.usd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function PieceOption({
  layer,
  piece,
  assessment,
  checked,
  best,
  onChoose,
}: {
  layer: Layer;
  piece: Piece;
  assessment: Assessment;
  checked: boolean;
  best: boolean;
  onChoose: () => void;
}): ReactNode {
  const id = useId();
  return (
    <div
      className={clsx(
        styles.option,
        checked && styles.chosen,
        assessment.excluded && styles.excluded,
      )}
    >
      <div className={styles.optionHead}>
        <input
          id={id}
          type="radio"
          name={`piece-${layer.id}`}
          checked={checked}
          onChange={onChoose}
          aria-describedby={`${id}-about`}
        />
        <label htmlFor={id} className={styles.optionName}>
          {piece.name}
        </label>
      </div>
      <div id={`${id}-about`} className={styles.optionBody}>
        <p className={styles.badges}>
          {REFERENCE_CHOICES[layer.id] === piece.id && (
            <span className={styles.badge}>The workshop’s choice</span>
          )}
          {best && (
            <span className={clsx(styles.badge, styles.best)}>Best fit for your answers</span>
          )}
          {assessment.excluded && (
            <span className={clsx(styles.badge, styles.ruledOut)}>
              Ruled out by your environment
            </span>
          )}
        </p>
        <p className={styles.summary}>{piece.summary}</p>
        <ul className={styles.reasons}>
          {assessment.reasons.map((reason) => (
            <li
              key={reason.text}
              className={
                reason.tone === 'plus' ? ws.plus : reason.tone === 'minus' ? ws.minus : undefined
              }
            >
              <span aria-hidden="true">{TONE_MARK[reason.tone]} </span>
              <span className={ws.visuallyHidden}>
                {reason.tone === 'plus'
                  ? 'For: '
                  : reason.tone === 'minus'
                    ? 'Against: '
                    : 'Depends: '}
              </span>
              {reason.text}
            </li>
          ))}
          {assessment.reasons.length === 0 &&
            (Object.keys(piece.effects) as AttributeId[]).map((attribute) => {
              const [effect, why] = piece.effects[attribute] ?? [0, ''];
              const toneOf = effect > 0 ? 'plus' : effect < 0 ? 'minus' : 'neutral';
              return (
                <li key={attribute} className={styles.plain}>
                  <span aria-hidden="true">{TONE_MARK[toneOf]} </span>
                  {ATTRIBUTE_NAMES[attribute]}: {why}
                </li>
              );
            })}
        </ul>
        <CostDetails piece={piece} />
      </div>
    </div>
  );
}

function PriceTable(): ReactNode {
  return (
    <details className={styles.priceTable}>
      <summary>
        The price table and the workload (approximate list prices, {PRICE_REGION}, as of{' '}
        {PRICES_AS_OF})
      </summary>
      <p>
        <strong>Workload:</strong> <WorkloadSummary />; {WORKLOAD.viewers} people using the view.
      </p>
      <p>
        On-demand prices in US dollars, rounded, before taxes, data transfer, support, the free tier
        and discounts (Savings Plans, Spot). Prices change and differ by Region: check the sources
        and the AWS Pricing Calculator before deciding anything.
      </p>
      <UnitPriceTable />
    </details>
  );
}

/** Step 2e: a piece per layer, weighed against the learner's drivers and environment, with its cost. */
export default function WorksheetLegoPieces(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const drivers = weightedDrivers(worksheet.drivers);
  const advice = adviceFor(worksheet.environment);
  const chosenIds = LAYER_IDS.flatMap((layer) => worksheet.choices[layer]?.optionId ?? []);
  const total = totalMonthlyCost(chosenIds);

  const choose = (layer: LayerId, optionId: string) =>
    update((w) => ({
      ...w,
      choices: { ...w.choices, [layer]: { optionId, reason: w.choices[layer]?.reason ?? '' } },
    }));
  const setReason = (layer: LayerId, reason: string) =>
    update((w) => {
      const choice = w.choices[layer];
      return choice ? { ...w, choices: { ...w.choices, [layer]: { ...choice, reason } } } : w;
    });
  const clear = (layer: LayerId) =>
    update((w) => {
      const { [layer]: _removed, ...rest } = w.choices;
      return { ...w, choices: rest };
    });

  return (
    <WorksheetCard step="Step 2e" title="Fit your LEGO pieces">
      <p>
        Choose one piece per layer. Beside each: how it serves your drivers from Step 2b (the first
        weighs most), what your answers in Step 2d say about it, and an approximate monthly cost for
        the workload of Step 2c.
      </p>
      <p className={ws.note}>
        {drivers.length > 0
          ? `Weighing: ${drivers.map((d) => `${d.rank}. ${d.name}`).join(', ')}.`
          : 'No drivers weigh yet: rate them in Step 2b, and the pieces are weighed against them.'}{' '}
        {advice.length > 0
          ? `${advice.length} piece(s) of advice from your environment.`
          : 'No environment answers yet (Step 2d).'}
      </p>
      {LAYERS.map((layer) => {
        const pieces = piecesOf(layer.id);
        const assessments = pieces.map((p) => assessPiece(p, drivers, advice, worksheet.choices));
        const best = new Set(bestFits(assessments));
        const choice = worksheet.choices[layer.id];
        const chosen = choice && pieceById(choice.optionId);
        return (
          <fieldset key={layer.id} className={styles.layer}>
            <legend>{layer.name}</legend>
            <p className={ws.note}>{layer.job}</p>
            <div className={styles.options}>
              {pieces.map((piece, index) => (
                <PieceOption
                  key={piece.id}
                  layer={layer}
                  piece={piece}
                  assessment={assessments[index] as Assessment}
                  checked={choice?.optionId === piece.id}
                  best={best.has(piece.id)}
                  onChoose={() => choose(layer.id, piece.id)}
                />
              ))}
            </div>
            {chosen && (
              <div className={styles.chosenFoot}>
                <TextField
                  label={`Why ${chosen.name}?`}
                  hint="The reason goes into your decision record: the drivers, requirements or constraints it serves."
                  multiline
                  value={choice.reason}
                  onChange={(reason) => setReason(layer.id, reason)}
                />
                <button
                  type="button"
                  className="button button--sm button--secondary"
                  onClick={() => clear(layer.id)}
                >
                  Clear the {layer.name.toLowerCase()} choice
                </button>
              </div>
            )}
          </fieldset>
        );
      })}
      <p className={styles.total} aria-live="polite">
        {chosenIds.length === 0
          ? 'No piece chosen yet.'
          : `Your ${chosenIds.length} piece(s): ${aboutUsd(total.usd)} a month${
              total.unpriced.length > 0
                ? `, plus ${total.unpriced.length} on the company’s own servers, not priced`
                : ''
            }.`}
      </p>
      <PriceTable />
    </WorksheetCard>
  );
}
