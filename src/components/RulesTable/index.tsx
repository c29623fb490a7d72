import type { ReactNode } from 'react';

import DataTable from '@site/src/components/DataTable';
import { formatThreshold, RULE_ROWS, type RuleRow } from '@site/src/lib/labs/ruleBook';

import styles from './styles.module.css';

/** Rows for one device type, or every rule. */
function rowsFor(deviceType?: string): readonly RuleRow[] {
  return deviceType ? RULE_ROWS.filter((rule) => rule.deviceType === deviceType) : RULE_ROWS;
}

/**
 * The labs' classification rules as a table, rendered at build time from the rules the labs
 * export (`labs/contract/rules.json`): the rule, its device type, its condition in words and in
 * Spark SQL with the thresholds and their units, and the category and severity it gives.
 */
export default function RulesTable(props: { deviceType?: string }): ReactNode {
  const rows = rowsFor(props.deviceType);
  return (
    <DataTable
      caption={
        <>
          Classification rules{props.deviceType ? ` for ${props.deviceType}` : ''}, from{' '}
          <code>labs/workshop/rules.py</code>; each device type’s rules in firing order
        </>
      }
    >
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Severity</th>
          <th scope="col">Category</th>
          <th scope="col">When</th>
          <th scope="col">Reason shown</th>
          <th scope="col">Device type</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((rule) => (
          <tr key={rule.id}>
            <th scope="row">
              <code>{rule.id}</code>
            </th>
            <td>
              <code>{rule.severity}</code>
            </td>
            <td>
              <code>{rule.category}</code>
            </td>
            <td className={styles.condition}>
              {rule.condition}
              {rule.thresholds.length > 0 && (
                <>
                  {': '}
                  {rule.thresholds.map((threshold, index) => (
                    <span key={threshold.name}>
                      {index > 0 && ', '}
                      <strong>{formatThreshold(threshold)}</strong>
                    </span>
                  ))}
                </>
              )}
              <br />
              <code className={styles.when}>{rule.when}</code>
            </td>
            <td className={styles.reason}>{rule.reasonTemplate}</td>
            <td>
              <code>{rule.deviceType}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
