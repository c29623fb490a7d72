import type { ReactNode } from 'react';

import DataTable from '@site/src/components/DataTable';
import { ENVELOPE_FIELDS, payloadFields, type FieldRow } from '@site/src/lib/labs/ruleBook';

/**
 * The fields of an event, rendered at build time from the schema the labs export
 * (`labs/contract/event-schema.json`): the envelope every event shares, or the payload of one
 * device type.
 */
export default function EventFields(props: { deviceType?: string }): ReactNode {
  const { deviceType } = props;
  const fields: readonly FieldRow[] = deviceType ? payloadFields(deviceType) : ENVELOPE_FIELDS;
  const what = deviceType ? `Payload of ${deviceType} events` : 'The envelope: on every event';
  return (
    <DataTable
      caption={
        <>
          {what}, from <code>labs/workshop/schema.py</code>
        </>
      }
    >
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Values</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.name}>
            <th scope="row">
              <code>{field.name}</code>
            </th>
            <td>
              {field.type}
              {field.required ? '' : ' (optional)'}
            </td>
            <td>{field.allowed || 'any'}</td>
            <td>{field.description}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
