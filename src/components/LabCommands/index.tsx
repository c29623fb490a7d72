import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

import {
  emrAddStepsCommand,
  emrUploadCommands,
  localCommand,
  PACKAGE_COMMAND,
  sparkSubmitCommand,
} from '@site/src/lib/labs/commands';
import type { LabManifest } from '@site/src/lib/labs/manifest';

/**
 * How to run a lab outside the page, for copying: built from the lab's manifest, so these are
 * the arguments the tests run. From the repository root, after `npm start` or `npm test` has
 * created `.venv`.
 */
export default function LabCommands(props: { lab: LabManifest }): ReactNode {
  const { lab } = props;
  return (
    <>
      <p>From a terminal in the repository, with the project’s Python (Spark in local mode):</p>
      <CodeBlock language="bash" title="Local Python">
        {localCommand(lab)}
      </CodeBlock>
      <p>
        With <code>spark-submit</code> (after <code>source .venv/bin/activate</code>), the way a
        cluster runs it — the shared <code>workshop</code> package travels as a zip:
      </p>
      <CodeBlock language="bash" title="spark-submit">
        {[PACKAGE_COMMAND, sparkSubmitCommand(lab)].join('\n')}
      </CodeBlock>
      <p>
        As a step on your own Amazon EMR cluster with the AWS CLI: upload the code, then add the
        step. Replace <code>BUCKET</code> and <code>j-CLUSTERID</code>.
      </p>
      <CodeBlock language="bash" title="Amazon EMR step">
        {[...emrUploadCommands(lab), emrAddStepsCommand(lab)].join('\n')}
      </CodeBlock>
    </>
  );
}
