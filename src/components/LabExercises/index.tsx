import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

import { exerciseAnchor, type LabManifest } from '@site/src/lib/labs/manifest';

import styles from './styles.module.css';

/**
 * A lab's exercises, from its manifest: the task, what the run should show after the right
 * change, and the complete solution behind "Show solution" — the same edits the labs' tests
 * apply and run, so what a learner pastes works.
 */
export default function LabExercises(props: { lab: LabManifest }): ReactNode {
  const exercises = props.lab.exercises ?? [];
  if (exercises.length === 0) return null;
  return (
    <ol className={styles.exercises}>
      {exercises.map((exercise) => (
        <li
          key={exercise.number}
          id={exerciseAnchor(exercise.number)}
          value={exercise.number}
          className={styles.exercise}
        >
          <p>
            <strong>{exercise.title}.</strong> {exercise.task}
          </p>
          <p>
            <strong>What you should see:</strong> {exercise.expect}
          </p>
          <details className={styles.solution}>
            <summary>Show solution</summary>
            {exercise.solution.map((edit, index) => (
              <div key={index}>
                <p>
                  In <code>{edit.file}</code>, replace
                </p>
                <CodeBlock language="python">{edit.find}</CodeBlock>
                <p>with</p>
                <CodeBlock language="python">{edit.replace}</CodeBlock>
              </div>
            ))}
          </details>
        </li>
      ))}
    </ol>
  );
}
