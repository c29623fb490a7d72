import clsx from 'clsx';
import { useState, type ReactNode } from 'react';

import WorksheetCard, {
  ItemButtons,
  NumberField,
  SelectField,
  TextField,
  worksheetStyles as ws,
} from '@site/src/components/WorksheetCard';
import { useMeasurements } from '@site/src/components/WorksheetCard/useMeasurements';
import { useWorksheet } from '@site/src/components/WorksheetCard/useWorksheet';
import { describeSource } from '@site/src/lib/worksheet/measurements';
import {
  attributeChoices,
  attributeName,
  nextId,
  type MetricId,
  type Requirement,
  type Worksheet,
} from '@site/src/lib/worksheet/model';
import {
  checkRequirement,
  MEASURED_EXAMPLES,
  METRIC_IDS,
  METRICS,
  requirementFromScenario,
} from '@site/src/lib/worksheet/requirements';

import styles from './styles.module.css';

const NO_RUN =
  'No run yet — measured values appear here after you run lab 2 (batch) or lab 3 (live stream) from their pages.';

const METRIC_OPTIONS = METRIC_IDS.map((id) => ({
  value: id,
  label: `${METRICS[id].name} (${METRICS[id].unit})`,
}));

const DEFAULT_TARGETS: Record<MetricId, number> = {
  eventTimeLatencyP95Ms: 3000,
  streamLatencyP95Ms: 3000,
  throughputEventsPerSecond: 1000,
  quarantinedSharePercent: 2,
};

const addRequirement = (make: (id: string) => Requirement) => (w: Worksheet) => ({
  ...w,
  requirements: [
    ...w.requirements,
    make(
      nextId(
        'NFR-',
        w.requirements.map((r) => r.id),
      ),
    ),
  ],
});

/**
 * Step 2c: measurable requirements, with the values the learner's own lab runs measured (kept
 * in this browser by the lab pages) beside the ones the labs check.
 */
export default function WorksheetRequirements(): ReactNode {
  const [worksheet, update] = useWorksheet();
  const measurements = useMeasurements();
  const measuredCount = Object.keys(measurements).length;
  const [scenarioId, setScenarioId] = useState('');
  const [example, setExample] = useState('');

  const change = (id: string, patch: Partial<Requirement>) =>
    update((w) => ({
      ...w,
      requirements: w.requirements.map((r) => (r.id === id ? { ...r, ...patch } : r)),
    }));

  return (
    <WorksheetCard step="Step 2c" title="Your non-functional requirements">
      <p>
        Turn your scenarios into numbered, measurable requirements. Where a requirement is one the
        labs measure — stream latency (from <code>event_time</code>, as NFR-1 defines it, or from
        file landing), throughput, quarantined share — name the metric and the target, and your last
        lab run is checked against it. Choose the metric with your requirement’s definition.
      </p>
      <p className={styles.runStatus}>
        {measuredCount > 0
          ? `Your lab runs have measured ${measuredCount} of the ${METRIC_IDS.length} figures; each comes from the latest run that measured it.`
          : NO_RUN}
      </p>
      <form
        className={ws.actions}
        onSubmit={(event) => {
          event.preventDefault();
          const scenario = worksheet.scenarios.find((s) => s.id === scenarioId);
          if (scenario) update(addRequirement((id) => requirementFromScenario(scenario, id)));
        }}
      >
        <SelectField
          label="Turn a scenario into a requirement"
          value={scenarioId}
          placeholder={
            worksheet.scenarios.length === 0 ? 'No scenario yet (Step 2b)' : 'Choose a scenario'
          }
          options={worksheet.scenarios.map((s) => ({
            value: s.id,
            label: `${s.id}: ${attributeName(worksheet, s.attribute)}`,
          }))}
          onChange={setScenarioId}
        />
        <button type="submit" className="button button--primary" disabled={!scenarioId}>
          Draft requirement
        </button>
      </form>
      <form
        className={ws.actions}
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = MEASURED_EXAMPLES.find((e) => e.title === example);
          if (!chosen) return;
          const { title: _title, ...fields } = chosen;
          update(addRequirement((id) => ({ ...fields, id, scenarioId: null })));
        }}
      >
        <SelectField
          label="Or add one of this page’s examples"
          value={example}
          placeholder="Choose an example"
          options={MEASURED_EXAMPLES.map((e) => ({ value: e.title, label: e.title }))}
          onChange={setExample}
        />
        <button type="submit" className="button button--primary" disabled={!example}>
          Add example
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            update(
              addRequirement((id) => ({
                id,
                attribute: '',
                text: '',
                verifiedBy: '',
                scenarioId: null,
                check: null,
              })),
            )
          }
        >
          Add an empty requirement
        </button>
      </form>

      {worksheet.requirements.length === 0 && <p className={ws.note}>No requirement yet.</p>}
      {worksheet.requirements.map((r) => {
        const result = checkRequirement(r.check, measurements);
        const metric = r.check && METRICS[r.check.metric];
        return (
          <fieldset key={r.id} className={styles.requirement}>
            <legend>
              {r.id}
              {r.attribute ? `: ${attributeName(worksheet, r.attribute)}` : ''}
              {r.scenarioId ? ` (from ${r.scenarioId})` : ''}
            </legend>
            <div className={styles.grid}>
              <TextField
                label={`Requirement ${r.id}`}
                multiline
                value={r.text}
                onChange={(text) => change(r.id, { text })}
                className={styles.wide}
              />
              <SelectField
                label={`Attribute of ${r.id}`}
                value={r.attribute}
                placeholder="Choose an attribute"
                options={attributeChoices(worksheet, r.attribute)}
                onChange={(attribute) => change(r.id, { attribute })}
              />
              <TextField
                label={`How ${r.id} is verified`}
                value={r.verifiedBy}
                onChange={(verifiedBy) => change(r.id, { verifiedBy })}
              />
              <SelectField
                label={`Measured by the labs (${r.id})`}
                value={r.check?.metric ?? ''}
                placeholder="No: verified another way"
                options={METRIC_OPTIONS}
                onChange={(id) =>
                  change(r.id, {
                    check: id
                      ? { metric: id, target: r.check?.target ?? DEFAULT_TARGETS[id] }
                      : null,
                  })
                }
              />
              {r.check && metric && (
                <NumberField
                  label={`Target for ${r.id}: ${metric.direction === 'atMost' ? 'at most' : 'at least'} (${metric.unit})`}
                  value={r.check.target}
                  onChange={(target) => change(r.id, { check: r.check && { ...r.check, target } })}
                />
              )}
            </div>
            <div className={styles.foot}>
              {result.status === 'no-run' && <p className={styles.measured}>{NO_RUN}</p>}
              {(result.status === 'met' || result.status === 'not-met') && (
                <p className={clsx(styles.measured, result.status === 'met' ? ws.plus : ws.minus)}>
                  {result.status === 'met' ? '✔ Met' : '✘ Not met'}: measured{' '}
                  {result.measured.toLocaleString('en-US')} {result.metric.unit}, target{' '}
                  {result.metric.direction === 'atMost' ? 'at most' : 'at least'}{' '}
                  {result.target.toLocaleString('en-US')} {result.metric.unit} (
                  {describeSource(result.source)}).
                </p>
              )}
              <ItemButtons
                name={r.id}
                index={0}
                count={1}
                onDelete={() =>
                  update((w) => ({
                    ...w,
                    requirements: w.requirements.filter((other) => other.id !== r.id),
                  }))
                }
              />
            </div>
          </fieldset>
        );
      })}
    </WorksheetCard>
  );
}
