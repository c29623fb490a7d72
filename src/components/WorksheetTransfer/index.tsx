import { useId, useState, type ReactNode } from 'react';

import WorksheetCard, { worksheetStyles as ws } from '@site/src/components/WorksheetCard';
import { useMeasurements } from '@site/src/components/WorksheetCard/useMeasurements';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import { toDecisionRecord } from '@site/src/lib/worksheet/decisionRecord';
import { downloadText } from '@site/src/lib/worksheet/download';
import { emptyWorksheet, type Worksheet } from '@site/src/lib/worksheet/model';
import { importWorksheet, worksheetToJson } from '@site/src/lib/worksheet/transfer';

import styles from './styles.module.css';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

/**
 * The whole worksheet out and in: a Markdown decision record, a JSON file to continue elsewhere
 * or hand to an instructor, and importing such a file (with undo).
 */
export default function WorksheetTransfer(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const measurements = useMeasurements();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [undo, setUndo] = useState<{ what: string; worksheet: Worksheet } | null>(null);
  const fileId = useId();
  const messageId = useId();

  const replace = (what: string, next: Worksheet) => {
    setUndo({ what, worksheet });
    update(() => next);
  };

  return (
    <WorksheetCard step="Steps 2 and 3" title="Take your design with you">
      <p>
        The decision record gathers everything you wrote in steps 2a to 3 — functionalities,
        drivers, scenarios, requirements with their measured values, environment, chosen pieces with
        your reasons and costs, and the diagram — in one Markdown file. Half-filled is fine: it says
        what is still open.
      </p>
      <div className={ws.actions}>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            downloadText(
              'architecture-decision-record.md',
              toDecisionRecord(worksheet, { measurements }),
              'text/markdown',
            );
            setOutcome({ tone: 'ok', text: 'Decision record downloaded.' });
          }}
        >
          Download the decision record (Markdown)
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            downloadText('worksheet.json', worksheetToJson(worksheet), 'application/json');
            setOutcome({ tone: 'ok', text: 'Worksheet downloaded.' });
          }}
        >
          Download the worksheet (JSON)
        </button>
      </div>
      <div className={styles.import}>
        <label htmlFor={fileId} className={styles.importLabel}>
          Import a worksheet (JSON)
        </label>
        <span className={ws.note}>
          Continue where you left off on another computer. It replaces what is here; you can undo.
        </span>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          aria-describedby={messageId}
          onChange={async (event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            const result = importWorksheet(await file.text());
            input.value = '';
            if (!result.ok) {
              setOutcome({ tone: 'error', text: `${file.name}: ${result.message}` });
              return;
            }
            replace('Import', result.worksheet);
            setOutcome({ tone: 'ok', text: `Imported ${file.name}.` });
          }}
        />
      </div>
      <div id={messageId} role="status" aria-live="polite" className={styles.outcome}>
        {outcome && (
          <p className={outcome.tone === 'ok' ? ws.plus : ws.minus}>
            {outcome.tone === 'error' ? '✘ ' : '✔ '}
            {outcome.text}
          </p>
        )}
      </div>
      <div className={ws.actions}>
        <button
          type="button"
          className="button button--sm button--secondary"
          onClick={() => {
            replace('Start over', emptyWorksheet());
            setOutcome({ tone: 'ok', text: 'The worksheet starts over.' });
          }}
        >
          Start the worksheet over
        </button>
        {undo && (
          <button
            type="button"
            className="button button--sm button--link"
            onClick={() => {
              update(() => undo.worksheet);
              setUndo(null);
              setOutcome({ tone: 'ok', text: `Undone: ${undo.what.toLowerCase()}.` });
            }}
          >
            Undo “{undo.what}”
          </button>
        )}
      </div>
    </WorksheetCard>
  );
}
