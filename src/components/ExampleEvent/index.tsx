import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

import { exampleEvent } from '@site/src/lib/labs/ruleBook';

/**
 * An event exactly as the labs' simulator writes it (one JSON line), taken at build time from
 * `labs/contract/event-schema.json`. `kind` is a device type, or `gas_sensor_alarm`.
 */
export default function ExampleEvent(props: { kind: string; title?: string }): ReactNode {
  return (
    <CodeBlock language="json" title={props.title}>
      {exampleEvent(props.kind)}
    </CodeBlock>
  );
}
